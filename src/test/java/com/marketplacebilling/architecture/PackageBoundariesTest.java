package com.marketplacebilling.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of issue 10 (decision D41): the billing core is plain Java; the command line
 * ({@code cli}) sits on top and nothing depends on it; the packages have no cycles; only {@code ledger}
 * talks to the database.
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
    @DisplayName("nothing depends on the command line: cli is the top layer")
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("the lower layers never depend on the operations, the console or the scheduler")
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage(ROOT + ".billing..", ROOT + ".feed..", ROOT + ".ledger..",
                        ROOT + ".publish..", ROOT + ".explain..", ROOT + ".reconcile..", ROOT + ".batch..",
                        ROOT + ".db..", ROOT + ".generate..", ROOT + ".remote..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ops..", ROOT + ".console..",
                        ROOT + ".schedule..")
                .check(classes);
    }

    @Test
    @DisplayName("no cycles among the packages (ops, schedule and console included)")
    void noCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("the job wiring never depends on remote partitioning: remote plugs a partition handler into it")
    void batchDoesNotKnowRemote() {
        noClasses().that().resideInAPackage(ROOT + ".batch..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".remote..")
                .check(classes);
    }

    @Test
    @DisplayName("SQL stays in ledger: no other package uses JDBC (Spring's or the JDK's; reading an SQLException's"
            + " state to explain a failure is allowed)")
    void onlyLedgerUsesJdbc() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".ledger..")
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
                        .or(resideInAPackage("java.sql").and(not(assignableTo(SQLException.class)))))
                .check(classes);
    }
}
