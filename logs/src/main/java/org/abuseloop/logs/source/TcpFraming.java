package org.abuseloop.logs.source;

import java.util.Arrays;

/**
 * The framing of one syslog TCP connection (RFC 6587), told from its first bytes: octet counting
 * ({@code LEN SP MSG}, LEN 1 to 9 digits without a leading zero) when it starts with such a header,
 * else newline framing (LF ends a message, as {@link LineSplitter} does). Messages longer than the
 * line limit are cut and flagged. Not thread-safe: one per connection, fed by the selector thread.
 *
 * <p>Written by hand: the JDK has no syslog framing, and the Java syslog servers (syslog4j and the
 * like) bring their own threads, parsing and logging where only these few dozen lines are needed.
 */
final class TcpFraming {

  /** Receives each message. */
  interface Out {
    void message(byte[] bytes, boolean truncated);
  }

  private enum Mode { UNKNOWN, OCTETS, LINES }

  private static final int MAX_DIGITS = 9;

  private final String remote;
  private final int maxLine;
  private Mode mode = Mode.UNKNOWN;
  private final byte[] header = new byte[MAX_DIGITS + 1];
  private int headerLength;
  private LineSplitter lines;
  // Octet counting: the frame being read.
  private long frameLength = -1;
  private long frameRead;
  private byte[] body;
  private int bodyLength;

  TcpFraming(String remote, int maxLine) {
    this.remote = remote;
    this.maxLine = maxLine;
  }

  String remote() {
    return remote;
  }

  /** Frames {@code b[from, to)}; a description of the garbage when the client must be dropped, else null. */
  String feed(byte[] b, int from, int to, Out out) {
    int i = from;
    if (mode == Mode.UNKNOWN) {
      i = detect(b, from, to, out);
      if (mode == Mode.UNKNOWN) {
        return null;
      }
    }
    if (mode == Mode.LINES) {
      lines.feed(b, i, to, (bytes, cut, after) -> out.message(bytes, cut));
      return null;
    }
    return octets(b, i, to, out);
  }

  /** The connection ended: a last unterminated line still counts; a cut octet frame is reported. */
  String end(Out out) {
    if (mode == Mode.LINES) {
      lines.flush((bytes, cut, after) -> out.message(bytes, cut));
    } else if (mode == Mode.OCTETS && frameLength >= 0) {
      return "connection closed inside a frame of " + frameLength + " bytes (" + frameRead + " read)";
    }
    return null;
  }

  /** Reads the first bytes until the framing is known; returns the index where framed reading goes on. */
  private int detect(byte[] b, int from, int to, Out out) {
    int i = from;
    while (i < to && mode == Mode.UNKNOWN) {
      byte c = b[i++];
      boolean digit = c >= '0' && c <= '9';
      if (c == ' ' && headerLength > 0 && header[0] != '0') {
        mode = Mode.OCTETS;
        return i - 1; // the octet framing reads this space after the digits kept in the header
      }
      header[headerLength++] = c;
      if (!digit || headerLength > MAX_DIGITS) {
        mode = Mode.LINES;
        lines = new LineSplitter(maxLine, 0);
        lines.feed(header, 0, headerLength, (bytes, cut, after) -> out.message(bytes, cut));
        return i;
      }
    }
    return i;
  }

  private String octets(byte[] b, int from, int to, Out out) {
    int i = from;
    while (i < to) {
      if (frameLength < 0) {
        int next = readHeader(b, i, to);
        if (next < 0) {
          return "bad octet-counting header";
        }
        i = next;
      } else {
        i = readBody(b, i, to, out);
      }
    }
    return null;
  }

  /** Reads header bytes at {@code i}; the index after them, or -1 on garbage. */
  private int readHeader(byte[] b, int i, int to) {
    int j = i;
    while (j < to) {
      byte c = b[j++];
      if ((c == '\n' || c == '\r') && headerLength == 0) {
        continue; // some senders end each frame with a line end as well
      }
      if (c == ' ' && headerLength > 0) {
        frameLength = Long.parseLong(new String(header, 0, headerLength, java.nio.charset.StandardCharsets.US_ASCII));
        headerLength = 0;
        frameRead = 0;
        bodyLength = 0;
        if (body == null) {
          body = new byte[(int) Math.min(maxLine + 2L, 4096)];
        }
        return frameLength == 0 ? -1 : j;
      }
      if (c < '0' || c > '9' || (headerLength == 0 && c == '0') || headerLength == MAX_DIGITS) {
        return -1;
      }
      header[headerLength++] = c;
    }
    return j;
  }

  private int readBody(byte[] b, int i, int to, Out out) {
    int n = (int) Math.min(to - i, frameLength - frameRead);
    int keep = (int) Math.max(0, Math.min(n, maxLine + 2L - bodyLength));
    if (bodyLength + keep > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(maxLine + 2L, Math.max(body.length * 2L, bodyLength + keep)));
    }
    System.arraycopy(b, i, body, bodyLength, keep);
    bodyLength += keep;
    frameRead += n;
    if (frameRead == frameLength) {
      int end = SyslogUdpSource.messageEnd(body, bodyLength);
      boolean cut = frameLength > bodyLength || end > maxLine;
      out.message(Arrays.copyOf(body, Math.min(end, maxLine)), cut);
      frameLength = -1;
      if (body.length > 64 * 1024) {
        body = null;
      }
    }
    return i + n;
  }
}
