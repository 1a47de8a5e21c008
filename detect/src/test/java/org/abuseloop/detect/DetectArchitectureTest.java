package org.abuseloop.detect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Locations;
import org.junit.jupiter.api.Test;

/** The detect module uses only core, and does no I/O outside its configuration reader. */
class DetectArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importLocations(Locations.ofPackage("org.abuseloop.detect"));

  @Test
  void detectDependsOnlyOnCore() {
    noClasses().that().resideInAPackage("org.abuseloop.detect..")
        .should().dependOnClassesThat().resideInAnyPackage("org.abuseloop.logs..", "org.abuseloop.cli..",
            "org.abuseloop.intel..", "org.abuseloop.firewall..", "org.abuseloop.report..", "org.abuseloop.store..")
        .check(classes);
  }

  @Test
  void detectDoesNoIoOfItsOwnBesidesReadingItsConfiguration() {
    noClasses().that().resideInAPackage("org.abuseloop.detect..")
        .and().haveNameNotMatching(".*\\.(DetectionConfig|ConfigReader)(\\$.*)?")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System")
        .check(classes);
  }
}
