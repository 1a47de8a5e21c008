package org.abuseloop.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.abuseloop.core.Event;

/**
 * A rotated log read as one input of a {@link TimeOrderedMerge}: its files one after the other, oldest
 * first, each parsed with its own modification time as the reference for dates without a year. Each
 * file's counts go to the listener when it has been read. Not thread-safe; one merge uses it.
 */
public final class LogChain implements TimeOrderedMerge.Input {

  /** Opens a file's bytes (the caller may count them for a progress bar). */
  @FunctionalInterface
  public interface Opener {
    InputStream open(Path file) throws IOException;
  }

  /** Hears of each file once it has been read to its end. */
  @FunctionalInterface
  public interface FileListener {
    void done(Path file, ParseStats stats);
  }

  private final LogParser parser;
  private final RotatedLog log;
  private final Function<Path, String> names;
  private final Opener opener;
  private final FileListener listener;

  /** Each file's events name it by its path. */
  public LogChain(LogParser parser, RotatedLog log, Opener opener, FileListener listener) {
    this(parser, log, Path::toString, opener, listener);
  }

  /** Each file's events name it by {@code names} (e.g. its bare file name, to keep the directories private). */
  public LogChain(LogParser parser, RotatedLog log, Function<Path, String> names, Opener opener, FileListener listener) {
    this.parser = parser;
    this.log = log;
    this.names = names;
    this.opener = opener;
    this.listener = listener;
  }

  public RotatedLog log() {
    return log;
  }

  /** Reads up to the first event, files opened directly (not through the opener), and closes them again. */
  @Override
  public Instant firstTime() throws IOException {
    for (Path file : log.files()) {
      try (ParseCursor c = parser.open(names.apply(file), Files.newInputStream(file), modified(file))) {
        Event e = c.next();
        if (e != null) {
          return e.time();
        }
      }
    }
    return null;
  }

  @Override
  public EventCursor open() {
    return new Cursor();
  }

  private static Instant modified(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toInstant();
  }

  /** The files' events in turn. */
  private final class Cursor implements EventCursor {
    private int next;
    private ParseCursor current;

    @Override
    public Event next() throws IOException {
      while (true) {
        if (current == null) {
          if (next == log.files().size()) {
            return null;
          }
          Path file = log.files().get(next);
          current = parser.open(names.apply(file), opener.open(file), modified(file));
        }
        Event e = current.next();
        if (e != null) {
          return e;
        }
        current.close();
        listener.done(log.files().get(next++), current.stats());
        current = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
