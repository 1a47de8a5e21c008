package org.abuseloop.logs.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The systemd journal through a {@code journalctl -f -o json [--after-cursor C] ARGS} child process:
 * each JSON entry becomes a syslog line ({@link JournalEntry}) placed by its cursor, so a restart
 * resumes after the last entry handed over. {@link #run} is for one thread; {@link #close} is
 * thread-safe and ends the child.
 */
final class JournalSource implements LogSource {

  private static final System.Logger LOG = System.getLogger(JournalSource.class.getName());
  /** journalctl's JSON lines can be long (binary fields); beyond this an entry is skipped with a warning. */
  private static final int MAX_JSON_LINE = 16 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path journalctl;
  private final List<String> args;
  private final Position start;
  private final int maxLine;
  private volatile boolean closed;
  private volatile Process process;

  JournalSource(Path journalctl, List<String> args, Position start, int maxLine) {
    if (start != null && start.kind() != Position.Kind.JOURNAL) {
      throw new IllegalArgumentException("the journal resumes from a journal position, not " + start.toText());
    }
    this.journalctl = journalctl;
    this.args = args;
    this.start = start;
    this.maxLine = maxLine;
  }

  @Override
  public String name() {
    return "journal";
  }

  /** The command line run: journalctl, follow, JSON output, the resume cursor, then the caller's arguments. */
  List<String> command() {
    List<String> cmd = new ArrayList<>(List.of(journalctl.toString(), "-f", "-o", "json"));
    if (start != null) {
      cmd.add("--after-cursor");
      cmd.add(start.cursor());
    }
    cmd.addAll(args);
    return cmd;
  }

  @Override
  public void run(LineSink sink) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process = p;
    p.getOutputStream().close();
    if (closed) {
      p.destroy();
    }
    StringBuilder errors = new StringBuilder();
    Thread errorDrain = drainErrors(p, errors);
    Reader reader = new Reader(sink);
    boolean endedByItself = false;
    try (InputStream in = p.getInputStream()) {
      LineSplitter splitter = new LineSplitter(MAX_JSON_LINE, 0);
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        splitter.feed(buf, 0, n, reader);
        reader.endOfBatch();
      }
      endedByItself = true;
    } catch (IOException e) {
      if (!closed) {
        throw e;
      }
    } finally {
      if (!endedByItself) {
        p.destroy(); // (destroy also closes stderr, which must stay readable for the error message)
      }
    }
    int exit = p.waitFor();
    if (!closed) {
      errorDrain.join(2000); // the child is gone, so its stderr ends (unless a grandchild still holds it)
      String why;
      synchronized (errors) {
        why = errors.toString().strip();
      }
      throw new IOException("journalctl exited with status " + exit + (why.isEmpty() ? "" : ": " + why));
    }
  }

  /** Keeps the last 2,000 characters the child writes on stderr in {@code tail}, for the error message. */
  private static Thread drainErrors(Process p, StringBuilder tail) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      try (InputStream err = p.getErrorStream()) {
        int n;
        while ((n = err.read(buf)) >= 0) {
          synchronized (tail) {
            tail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            if (tail.length() > 2000) {
              tail.delete(0, tail.length() - 2000);
            }
          }
        }
      } catch (IOException e) {
        // the child is gone
      }
    }, "journalctl-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
  }

  /** Turns JSON lines into source lines and tracks the cursor. Not thread-safe: the run() thread's. */
  private final class Reader implements LineSplitter.Out {
    private final LineSink sink;
    private long lines = start == null ? 0 : start.lineNumber();
    private Position position = start;
    private Position reported = start;

    Reader(LineSink sink) {
      this.sink = sink;
    }

    @Override
    public void line(byte[] json, boolean truncated, long offsetAfter) {
      if (truncated) {
        LOG.log(Level.WARNING, "journal: skipping an entry longer than {0} bytes of JSON", MAX_JSON_LINE);
        return;
      }
      JsonNode entry;
      try {
        entry = JSON.readTree(json);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "journal: skipping a line that is not JSON: {0}", e.getMessage());
        return;
      }
      String cursor = entry == null ? null : JournalEntry.cursor(entry);
      if (cursor == null) {
        LOG.log(Level.WARNING, "journal: skipping an entry without __CURSOR");
        return;
      }
      byte[] line = JournalEntry.syslogLine(entry);
      if (line == null) {
        position = Position.journal(cursor, lines); // nothing to hand over, but resume after it
        return;
      }
      lines++;
      position = Position.journal(cursor, lines);
      sink.line(new SourceLine("journal", line.length > maxLine ? Arrays.copyOf(line, maxLine) : line, lines, position, line.length > maxLine));
    }

    void endOfBatch() {
      if (position != null && !position.equals(reported)) {
        reported = position;
        sink.endOfBatch(position);
      }
    }
  }
}
