package com.marketplacebilling.billing;

/** Declared in output order: ERROR rows first. */
public enum Severity { ERROR, WARNING, INFO }
