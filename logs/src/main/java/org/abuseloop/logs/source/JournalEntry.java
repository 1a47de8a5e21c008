package org.abuseloop.logs.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One entry of {@code journalctl -o json} turned into the ISO syslog line the parsers' syslog
 * envelope reads: {@code 2024-05-01T10:00:00.123456+00:00 host ident[pid]: message}. Field values may
 * be JSON strings or arrays of bytes (journalctl's form for binary or non-UTF-8 data). Stateless and
 * thread-safe.
 */
final class JournalEntry {

  private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private JournalEntry() {}

  /** The cursor of {@code entry}, or null. */
  static String cursor(JsonNode entry) {
    JsonNode c = entry.get("__CURSOR");
    return c != null && c.isTextual() ? c.asText() : null;
  }

  /** The syslog line for {@code entry}, or null when it has no MESSAGE. */
  static byte[] syslogLine(JsonNode entry) {
    byte[] message = bytes(entry.get("MESSAGE"));
    if (message == null) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream(message.length + 80);
    line.writeBytes(ascii(time(entry)));
    line.write(' ');
    line.writeBytes(token(first(entry, "_HOSTNAME"), "localhost"));
    line.write(' ');
    line.writeBytes(token(first(entry, "SYSLOG_IDENTIFIER", "_COMM"), "journal"));
    byte[] pid = first(entry, "_PID", "SYSLOG_PID");
    if (pid != null && pid.length > 0) {
      line.write('[');
      line.writeBytes(token(pid, "0"));
      line.write(']');
    }
    line.write(':');
    line.write(' ');
    for (byte b : message) {
      // A line never holds a line end: an entry stays one line, and no one can forge a second.
      line.write(b == '\n' || b == '\r' ? ' ' : b);
    }
    return line.toByteArray();
  }

  /** The source's own time when it gave one, else when journald received the entry; ISO with microseconds. */
  static String time(JsonNode entry) {
    long micros = micros(entry.get("_SOURCE_REALTIME_TIMESTAMP"));
    if (micros < 0) {
      micros = micros(entry.get("__REALTIME_TIMESTAMP"));
    }
    if (micros < 0) {
      micros = 0;
    }
    return ISO_MICROS.format(Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000));
  }

  private static long micros(JsonNode n) {
    if (n == null) {
      return -1;
    }
    try {
      return n.isNumber() ? n.asLong() : Long.parseLong(n.asText());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static byte[] first(JsonNode entry, String... names) {
    for (String name : names) {
      byte[] v = bytes(entry.get(name));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** A field's bytes: a string as UTF-8, an array as its byte values; null when absent or another type. */
  static byte[] bytes(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual() || n.isNumber()) {
      return n.asText().getBytes(StandardCharsets.UTF_8);
    }
    if (n.isArray()) {
      byte[] b = new byte[n.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) n.get(i).asInt();
      }
      return b;
    }
    return null;
  }

  /** A value as one token: blanks and line ends become '_', an empty value the fallback. */
  private static byte[] token(byte[] v, String fallback) {
    if (v == null || v.length == 0) {
      return ascii(fallback);
    }
    byte[] t = v.clone();
    for (int i = 0; i < t.length; i++) {
      if (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == '[' || t[i] == ']' || t[i] == ':') {
        t[i] = '_';
      }
    }
    return t;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
