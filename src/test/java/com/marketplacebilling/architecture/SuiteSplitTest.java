package com.marketplacebilling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.marketplacebilling.support.Slow;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The suite runs in two halves: fast tests with {@code mvn test}, slow ones (tagged {@link Slow}) with failsafe
 * in {@code mvn verify}. An end-to-end test that forgot the tag would slow down the fast half unnoticed.
 */
class SuiteSplitTest {
    @Test
    @DisplayName("every end-to-end test class (package e2e) runs in the slow half")
    void endToEndTestsAreSlow() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("com.marketplacebilling.e2e");
        classes().that().haveSimpleNameEndingWith("Test").and().areTopLevelClasses()
                .should().beAnnotatedWith(Slow.class)
                .check(tests);
    }
}
