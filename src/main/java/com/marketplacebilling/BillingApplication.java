package com.marketplacebilling;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application; {@link com.marketplacebilling.cli.BillingCli} is the entry point. */
@SpringBootApplication
public class BillingApplication {}
