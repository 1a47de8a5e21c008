package org.abuseloop.intel;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Writes a tiny database in the MaxMind DB format (spec: maxmind.github.io/MaxMind-DB), so that
 * the ASN tests need no downloaded database: an IPv6 tree with 24-bit records, IPv4 networks
 * under ::/96, and a data section of maps, arrays, strings and unsigned integers (Integer as uint16, Long as
 * uint32, BigInteger as uint64, as the reader's metadata expects). Not thread-safe; test
 * code only (MaxMind's own writers are Perl and Go).
 */
final class TinyMmdb {

  private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
      'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
  private static final int EMPTY = -1;

  /** Per node its two records: a node index, EMPTY, or a data reference {@code -2 - dataIndex}. */
  private final List<int[]> nodes = new ArrayList<>();
  private final List<Map<String, Object>> data = new ArrayList<>();

  TinyMmdb() {
    nodes.add(new int[] {EMPTY, EMPTY});
  }

  /** Maps a network to a record; networks must not nest. */
  TinyMmdb put(String cidr, Map<String, Object> record) {
    IpPrefix p = IpPrefix.parse(cidr);
    IpAddress a = p.network();
    long high = a.isIPv4() ? 0 : a.high();
    long low = a.isIPv4() ? a.ipv4Bits() & 0xFFFFFFFFL : a.low();
    int length = a.isIPv4() ? 96 + p.length() : p.length();
    data.add(record);
    int node = 0;
    for (int depth = 0; depth < length; depth++) {
      int bit = (int) (depth < 64 ? high >>> (63 - depth) : low >>> (127 - depth)) & 1;
      if (depth == length - 1) {
        nodes.get(node)[bit] = -2 - (data.size() - 1);
      } else {
        if (nodes.get(node)[bit] == EMPTY) {
          nodes.add(new int[] {EMPTY, EMPTY});
          nodes.get(node)[bit] = nodes.size() - 1;
        }
        node = nodes.get(node)[bit];
      }
    }
    return this;
  }

  byte[] build(String databaseType) {
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    int[] offsets = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      offsets[i] = section.size();
      encode(section, data.get(i));
    }
    int count = nodes.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] n : nodes) {
      for (int r : n) {
        int value = r == EMPTY ? count : r >= 0 ? r : count + 16 + offsets[-2 - r];
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
      }
    }
    out.writeBytes(new byte[16]);
    out.writeBytes(section.toByteArray());
    out.writeBytes(METADATA_MARKER);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("node_count", (long) count);
    meta.put("record_size", 24);
    meta.put("ip_version", 6);
    meta.put("database_type", databaseType);
    meta.put("languages", List.of("en"));
    meta.put("binary_format_major_version", 2);
    meta.put("binary_format_minor_version", 0);
    meta.put("build_epoch", BigInteger.valueOf(4102444800L));
    meta.put("description", Map.of("en", "abuseloop test database"));
    encode(out, meta);
    return out.toByteArray();
  }

  private static void encode(ByteArrayOutputStream out, Object value) {
    if (value instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      control(out, 2, b.length);
      out.writeBytes(b);
    } else if (value instanceof Integer n) {
      writeUnsigned(out, 5, n); // uint16
    } else if (value instanceof Long n) {
      writeUnsigned(out, 6, n); // uint32
    } else if (value instanceof BigInteger n) {
      writeUnsigned(out, 9, n.longValueExact()); // uint64
    } else if (value instanceof Map<?, ?> m) {
      control(out, 7, m.size());
      m.forEach((k, v) -> {
        encode(out, k);
        encode(out, v);
      });
    } else if (value instanceof List<?> l) {
      control(out, 11, l.size());
      l.forEach(v -> encode(out, v));
    } else {
      throw new IllegalArgumentException("unsupported " + value);
    }
  }

  /** A control byte (and extended type byte) for sizes below 285. */
  private static void control(ByteArrayOutputStream out, int type, int size) {
    int sizeBits = size < 29 ? size : 29;
    out.write(((type <= 7 ? type : 0) << 5) | sizeBits);
    if (type > 7) {
      out.write(type - 7);
    }
    if (size >= 29) {
      out.write(size - 29);
    }
  }

  private static void writeUnsigned(ByteArrayOutputStream out, int type, long n) {
    byte[] b = unsigned(n);
    control(out, type, b.length);
    out.writeBytes(b);
  }

  private static byte[] unsigned(long n) {
    int len = 0;
    for (long v = n; v != 0; v >>>= 8) {
      len++;
    }
    byte[] b = new byte[len];
    for (int i = len - 1, v = 0; i >= 0; i--, v += 8) {
      b[i] = (byte) (n >>> v);
    }
    return b;
  }
}
