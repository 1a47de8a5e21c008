package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed subcommand into one line on stderr and exit code 2, naming the file when input
 * could not be read. A stack trace is printed only with {@code ABUSELOOP_DEBUG=1}.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    return report(ex, cl.getErr());
  }

  /** Prints the one line for {@code ex} (and its stack trace in debug mode) and returns exit code 2. */
  static int report(Exception ex, PrintWriter err) {
    Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    err.println("abuseloop: " + describe(cause));
    if ("1".equals(System.getenv("ABUSELOOP_DEBUG"))) {
      ex.printStackTrace(err);
    }
    err.flush();
    return 2;
  }

  static String describe(Throwable t) {
    if (t instanceof org.abuseloop.cli.watch.WatchConfigException e) {
      return e.origin() + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "\n  "
          + String.join("\n  ", e.problems());
    }
    if (t instanceof ReportConfigException e) {
      return e.origin() + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "\n  "
          + String.join("\n  ", e.problems());
    }
    if (t instanceof NoSuchFileException e) {
      return e.getFile() + ": no such file";
    }
    if (t instanceof AccessDeniedException e) {
      return e.getFile() + ": permission denied";
    }
    if (t instanceof IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
