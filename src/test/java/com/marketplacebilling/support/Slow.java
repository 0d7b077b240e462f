package com.marketplacebilling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that runs whole processes, kills them, drives a browser or a cluster, or fuzzes: it runs in the slow
 * half of the suite (failsafe, {@code mvn verify}), after the fast unit, rule, store and step tests
 * ({@code mvn test}). {@code architecture/SuiteSplitTest} checks that every end-to-end test carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {}
