package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The log files named on a command line: files as given, directories expanded to the regular files
 * below them in name order. Checks each is readable before any work starts, so a typo fails fast.
 */
final class LogInputs {

  private LogInputs() {}

  static List<Path> expand(List<Path> args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : args) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
        }
      } else if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString());
      } else if (!Files.isReadable(p)) {
        throw new AccessDeniedException(p.toString());
      } else {
        files.add(p);
      }
    }
    return files;
  }
}
