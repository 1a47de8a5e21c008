package org.abuseloop.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the arrows between modules pointing toward core, as DESIGN.md draws them: each module may use
 * only the modules listed for it, and only cli (later desk and flink) wires modules together.
 */
class ModuleArrowsTest {

  private static final List<String> MODULES =
      List.of("core", "logs", "analysis", "detect", "intel", "firewall", "report", "store", "cli", "desk", "flink", "bench");

  private static final Map<String, List<String>> MAY_USE = Map.of(
      "core", List.of(),
      "logs", List.of("core"),
      "analysis", List.of("core"),
      "detect", List.of("core"),
      "intel", List.of("core"),
      "firewall", List.of("core"),
      "report", List.of("core", "intel"),
      "store", List.of("core"),
      "desk", List.of("core", "report", "intel", "store"),
      "flink", List.of("core", "detect", "logs"));

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    // A module's test-jar (report's, shared with cli's tests) holds tests too: they may wire modules.
    ImportOption noTestJars = location -> !location.contains("-tests.jar");
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(noTestJars).importPackages("org.abuseloop");
  }

  static List<String> modules() {
    return new ArrayList<>(MAY_USE.keySet());
  }

  @ParameterizedTest
  @MethodSource("modules")
  void moduleUsesOnlyWhatItMay(String module) {
    List<String> forbidden = new ArrayList<>();
    for (String other : MODULES) {
      if (!other.equals(module) && !MAY_USE.get(module).contains(other)) {
        forbidden.add("org.abuseloop." + other + "..");
      }
    }
    noClasses().that().resideInAPackage("org.abuseloop." + module + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("org.abuseloop.(**)").should().beFreeOfCycles().check(classes);
  }
}
