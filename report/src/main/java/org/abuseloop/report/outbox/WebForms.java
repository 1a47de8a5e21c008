package org.abuseloop.report.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.abuseloop.core.outbox.ReportEntry;

/**
 * Writes the prefilled fields of a report whose desk takes only a web form to
 * {@code DIR/REPORT_ID.txt}: the form's address first, then the fields as the outbox kept them. Written
 * to a temporary file and moved into place, so a crash leaves the whole file or none. Nothing is
 * submitted. Thread-safe: it holds only a path.
 */
final class WebForms {

  private final Path dir;

  WebForms(Path dir) {
    this.dir = dir;
  }

  /** Writes the file of {@code e} and returns it. */
  Path write(ReportEntry e) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(e.id() + ".txt");
      Path tmp = dir.resolve("." + e.id() + ".tmp");
      String text = "Form: " + e.report().contact() + "\n"
          + "Report: " + e.id() + " (abuseloop; submit it by hand, then keep the desk's answer)\n\n"
          + e.report().body();
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException x) {
      throw new UncheckedIOException("cannot write the web form of report " + e.id() + " to " + dir, x);
    }
  }
}
