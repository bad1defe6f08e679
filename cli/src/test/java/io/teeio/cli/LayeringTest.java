package io.teeio.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md: dependencies point down only (cli -> platform -> pcie -> spdm). */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.teeio");
    }

    @Test
    void spdmKnowsNothingOfPcieOrAbove() {
        noClasses().that().resideInAnyPackage("io.teeio.spdm..", "io.teeio.trace..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.teeio.pcie..", "io.teeio.platform..", "io.teeio.cli..")
                .check(classes);
    }

    @Test
    void pcieKnowsNothingOfThePlatformOrTheCommandLine() {
        noClasses().that().resideInAPackage("io.teeio.pcie..")
                .should().dependOnClassesThat().resideInAnyPackage("io.teeio.platform..", "io.teeio.cli..")
                .check(classes);
    }

    @Test
    void platformKnowsNothingOfSocketsOrTheCommandLine() {
        noClasses().that().resideInAPackage("io.teeio.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.teeio.cli..", "java.net..", "picocli..")
                .check(classes);
    }
}
