package com.marketplacebilling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The boundaries that hold today (a first step of issue 10): the billing core is plain Java, and the lower
 * layers (core, feeds, ledger, outputs, explanations, reconciliation rules, job wiring) never reach up into the
 * command line, the console or the scheduler, and have no cycles among themselves.
 */
class PackageBoundariesTest {
    private static final String ROOT = "com.marketplacebilling";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    @DisplayName("the billing core depends on java.* and itself only (no Spring, SQL or I/O libraries)")
    void billingCoreIsPlainJava() {
        classes().that().resideInAPackage(ROOT + ".billing..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".billing..")
                .check(classes);
    }

    @Test
    @DisplayName("the lower layers never depend on the command line, the console or the scheduler")
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage(ROOT + ".billing..", ROOT + ".feed..", ROOT + ".ledger..",
                        ROOT + ".publish..", ROOT + ".explain..", ROOT + ".reconcile..", ROOT + ".batch..",
                        ROOT + ".db..", ROOT + ".generate..", ROOT + ".remote..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ops..", ROOT + ".console..",
                        ROOT + ".schedule..")
                .check(classes);
    }

    @Test
    @DisplayName("no cycles among the lower layers")
    void noCyclesBelowTheCommandLine() {
        slices().matching(ROOT + ".(billing|feed|ledger|publish|explain|reconcile|batch|db|generate|remote)..")
                .should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    @DisplayName("the job wiring never depends on remote partitioning: remote plugs a partition handler into it")
    void batchDoesNotKnowRemote() {
        noClasses().that().resideInAPackage(ROOT + ".batch..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".remote..")
                .check(classes);
    }

    @Test
    @DisplayName("SQL stays in ledger: the core, feeds, outputs, explanations, reconciliation, job wiring, command"
            + " line and console use its stores, never Spring's JDBC (schedule still has its own SQL: issue 10)")
    void onlyLedgerAndScheduleUseJdbc() {
        noClasses().that().resideInAnyPackage(ROOT + ".billing..", ROOT + ".feed..", ROOT + ".publish..",
                        ROOT + ".explain..", ROOT + ".reconcile..", ROOT + ".batch..", ROOT + ".ops..",
                        ROOT + ".console..", ROOT + ".generate..", ROOT + ".remote..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..")
                .check(classes);
    }
}
