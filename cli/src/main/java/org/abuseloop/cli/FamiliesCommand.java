package org.abuseloop.cli;

import java.util.concurrent.Callable;
import org.abuseloop.core.Family;
import org.abuseloop.logs.ParserCatalog;
import picocli.CommandLine.Command;

/** {@code abuseloop families}: lists every message family the parsers know, with its service and kind. */
@Command(name = "families", mixinStandardHelpOptions = true, description = "List the message families the parsers recognise.")
final class FamiliesCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    for (Family f : ParserCatalog.standard().families()) {
      System.out.printf("%-12s %-46s %s%n", f.service().id(), f.id(), f.kind());
    }
    return 0;
  }
}
