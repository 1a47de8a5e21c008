package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
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
 * printer, made the JSON an eighth of the CPU of {@code analyze}. The entries go to the generator in
 * pieces of some kilobytes as raw values, so the generator still writes the separators between pieces
 * and the rest of the document. An entry with a string that would need escaping (a region name from a
 * range file, say) or a share that is not a finite number is written through the generator instead.
 */
final class PortEntriesJson {

  private static final int PIECE = 1 << 14;
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
    boolean pending = false;
    for (Breakdown.PortShare p : ports) {
      if (!plain(p)) {
        flush(g);
        pending = false;
        AnalysisJson.port(g, p);
        continue;
      }
      if (pending) {
        out.append(NEXT_VALUE);
      }
      entry(p);
      pending = true;
      if (out.length() >= PIECE) {
        flush(g);
        pending = false;
      }
    }
    flush(g);
  }

  private void flush(JsonGenerator g) throws IOException {
    if (out.length() > 0) {
      g.writeRawValue(out);
      out.clear();
    }
  }

  private void entry(Breakdown.PortShare p) {
    Fields f = fields;
    out.append(f.protocol);
    nullable(p.protocol());
    out.append(f.port);
    if (p.port() == null) {
      out.append(NULL);
    } else {
      out.appendLong(p.port());
    }
    out.append(f.service);
    nullable(p.service());
    out.append(f.count).appendLong(p.count());
    out.append(f.share);
    share(p.share());
    out.append(f.sources).appendLong(p.sources());
    out.append(f.topShare);
    share(p.topShare());
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
        nullable(s.address());
        out.append(f.innerCount).appendLong(s.count());
        out.append(f.innerShare);
        share(s.share());
        out.append(f.provider);
        nullable(s.provider());
        out.append(f.region);
        nullable(s.region());
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
        nullable(s.provider());
        out.append(f.innerCount).appendLong(s.count());
        out.append(f.innerShare);
        share(s.share());
        out.append(f.innerEnd);
      }
      out.append(CLOSE_ARRAY);
    }
    out.append(f.end);
  }

  private void nullable(String s) {
    if (s == null) {
      out.append(NULL);
    } else {
      out.appendPlainString(s);
    }
  }

  /** A share as Jackson writes a finite double ({@link Double#toString}), the text cached by value. */
  private void share(double d) {
    long bits = Double.doubleToRawLongBits(d);
    byte[] text = shares.get(bits);
    if (text == null) {
      text = ascii(Double.toString(d));
      if (shares.size() < MAX_CACHED_SHARES) {
        shares.put(bits, text);
      }
    }
    out.append(text);
  }

  /** True when every string of the entry is plain ASCII and every share a finite number. */
  private static boolean plain(Breakdown.PortShare p) {
    if (!plain(p.protocol()) || !plain(p.service()) || !Double.isFinite(p.share()) || !Double.isFinite(p.topShare())) {
      return false;
    }
    for (Breakdown.SourceShare s : p.top()) {
      if (!plain(s.address()) || !plain(s.provider()) || !plain(s.region()) || !Double.isFinite(s.share())) {
        return false;
      }
    }
    for (Breakdown.ProviderShare s : p.providers()) {
      if (!plain(s.provider()) || !Double.isFinite(s.share())) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(String s) {
    return s == null || RawJson.isPlain(s);
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
