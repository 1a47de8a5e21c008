package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.abuseloop.analysis.Breakdown;

/**
 * Writes the entries of {@code breakdown.ports[]} as the bytes that the generator with its
 * {@link EncodedPrettyPrinter} writes for them field by field, but assembled here from field names and
 * indentations encoded once, numbers written as digits and shares as the text of their value, cached.
 * Stateful (its buffer and caches): one per output, not thread-safe.
 *
 * <p>Made by hand because a firewall log has tens of thousands of ports, each with its ten busiest
 * sources and its providers: about twenty generator calls per listed source, each through the pretty
 * printer, made the JSON an eighth of the CPU of {@code analyze}. The entries go to the generator's
 * stream in pieces of some kilobytes, each one value of the array for the generator, which still
 * writes the separators between pieces and the rest of the document. An entry with a string that would
 * need escaping (a region name from a range file, say) or a share that is not a finite number is
 * taken back and written through the generator instead.
 */
final class PortEntriesJson {

  private static final int PIECE = 1 << 16;
  private static final int MAX_CACHED_SHARES = 1 << 16;
  private static final byte[] NULL = ascii("null");
  private static final byte[] NEXT_VALUE = ascii(", ");
  private static final byte[] EMPTY_ARRAY = ascii("[ ]");
  private static final byte[] OPEN_ARRAY = ascii("[ {");
  private static final byte[] CLOSE_ARRAY = ascii(" ]");

  private final RawJson out = new RawJson();
  private final Long2ObjectOpenHashMap<byte[]> shares = new Long2ObjectOpenHashMap<>();
  private Fields fields;

  /**
   * Writes the entries of the array the generator has just started; {@code nesting} is the printer's
   * nesting there, the entries' fields are one level deeper.
   */
  void write(JsonGenerator g, List<Breakdown.PortShare> ports, int nesting) throws IOException {
    if (fields == null || fields.nesting != nesting) {
      fields = new Fields(nesting);
    }
    out.clear();
    for (int i = 0, n = ports.size(); i < n; i++) {
      writeEntry(g, ports.get(i));
    }
    flush(g);
  }

  // One entry, in a method of its own: the loop above runs once, interpreted, and would stay so for
  // tens of thousands of entries if the work were in it.
  private void writeEntry(JsonGenerator g, Breakdown.PortShare p) throws IOException {
    int start = out.length();
    if (start > 0) {
      out.append(NEXT_VALUE);
    }
    if (!entry(p)) {
      out.truncate(start);
      flush(g);
      AnalysisJson.port(g, p);
      return;
    }
    if (out.length() >= PIECE) {
      flush(g);
    }
  }

  /**
   * Hands the entries assembled so far to the stream as one value of the array: the generator writes
   * what comes before a value (the separator after the previous one) for an empty raw value and is
   * flushed, then the bytes follow it directly on its stream.
   */
  private void flush(JsonGenerator g) throws IOException {
    if (out.length() > 0) {
      g.writeRawValue("");
      g.flush();
      out.writeTo((OutputStream) g.getOutputTarget());
      out.clear();
    }
  }

  /** Appends the entry; false, with part of it appended, when it has a string to escape or an odd share. */
  private boolean entry(Breakdown.PortShare p) {
    Fields f = fields;
    out.append(f.protocol);
    boolean plain = nullable(p.protocol());
    out.append(f.port);
    if (p.port() == null) {
      out.append(NULL);
    } else {
      out.appendLong(p.port());
    }
    out.append(f.service);
    plain &= nullable(p.service());
    out.append(f.count).appendLong(p.count());
    out.append(f.share);
    plain &= share(p.share());
    out.append(f.sources).appendLong(p.sources());
    out.append(f.topShare);
    plain &= share(p.topShare());
    out.append(f.top);
    List<Breakdown.SourceShare> top = p.top();
    if (top.isEmpty()) {
      out.append(EMPTY_ARRAY);
    } else {
      out.append(OPEN_ARRAY);
      for (int i = 0, n = top.size(); i < n; i++) {
        Breakdown.SourceShare s = top.get(i);
        if (i > 0) {
          out.append(f.nextObject);
        }
        out.append(f.address);
        plain &= nullable(s.address());
        out.append(f.innerCount).appendLong(s.count());
        out.append(f.innerShare);
        plain &= share(s.share());
        out.append(f.provider);
        plain &= nullable(s.provider());
        out.append(f.region);
        plain &= nullable(s.region());
        out.append(f.innerEnd);
      }
      out.append(CLOSE_ARRAY);
    }
    out.append(f.providers);
    List<Breakdown.ProviderShare> providers = p.providers();
    if (providers.isEmpty()) {
      out.append(EMPTY_ARRAY);
    } else {
      out.append(OPEN_ARRAY);
      for (int i = 0, n = providers.size(); i < n; i++) {
        Breakdown.ProviderShare s = providers.get(i);
        if (i > 0) {
          out.append(f.nextObject);
        }
        out.append(f.providerFirst);
        plain &= nullable(s.provider());
        out.append(f.innerCount).appendLong(s.count());
        out.append(f.innerShare);
        plain &= share(s.share());
        out.append(f.innerEnd);
      }
      out.append(CLOSE_ARRAY);
    }
    out.append(f.end);
    return plain;
  }

  /** Appends the string quoted, or null; false when it needs an escape. */
  private boolean nullable(String s) {
    if (s == null) {
      out.append(NULL);
      return true;
    }
    return out.appendPlainString(s);
  }

  /** A share as Jackson writes a finite double ({@link Double#toString}), the text cached by value; false when not finite. */
  private boolean share(double d) {
    if (!Double.isFinite(d)) {
      return false;
    }
    long bits = Double.doubleToRawLongBits(d);
    byte[] text = shares.get(bits);
    if (text == null) {
      text = ascii(Double.toString(d));
      if (shares.size() < MAX_CACHED_SHARES) {
        shares.put(bits, text);
      }
    }
    out.append(text);
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The encoded field names with what the printer writes before them, for entries whose fields are at
   * {@code nesting + 1}: the same line ends and indentation as {@link EncodedPrettyPrinter}'s.
   */
  private static final class Fields {
    final int nesting;
    final byte[] protocol;
    final byte[] port;
    final byte[] service;
    final byte[] count;
    final byte[] share;
    final byte[] sources;
    final byte[] topShare;
    final byte[] top;
    final byte[] providers;
    final byte[] end;
    final byte[] address;
    final byte[] providerFirst;
    final byte[] innerCount;
    final byte[] innerShare;
    final byte[] provider;
    final byte[] region;
    final byte[] innerEnd;
    final byte[] nextObject;

    Fields(int nesting) {
      this.nesting = nesting;
      String line = line(nesting + 1);
      String inner = line(nesting + 2);
      protocol = ascii("{" + line + "\"protocol\" : ");
      port = field(line, "port");
      service = field(line, "service");
      count = field(line, "count");
      share = field(line, "share");
      sources = field(line, "sources");
      topShare = field(line, "topShare");
      top = field(line, "top");
      providers = field(line, "providers");
      end = ascii(line(nesting) + "}");
      address = ascii(inner + "\"address\" : ");
      providerFirst = ascii(inner + "\"provider\" : ");
      innerCount = field(inner, "count");
      innerShare = field(inner, "share");
      provider = field(inner, "provider");
      region = field(inner, "region");
      innerEnd = ascii(line(nesting + 1) + "}");
      nextObject = ascii(", {");
    }

    private static byte[] field(String line, String name) {
      return ascii("," + line + "\"" + name + "\" : ");
    }

    private static String line(int level) {
      DefaultIndenter same = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;
      return same.getEol() + same.getIndent().repeat(level);
    }
  }
}
