package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.abuseloop.analysis.Breakdown;
import org.junit.jupiter.api.Test;

/**
 * The port entries assembled from encoded pieces are the bytes the generator writes field by field:
 * random tables (ports with and without number, services, empty lists, long lists that span several
 * pieces, shares tiny, round and repeated, strings that need escaping or are not finite numbers, which
 * go through the generator) at several depths of the document.
 */
class PortEntriesJsonTest {

  private static final String[] PROVIDERS = {null, "aws", "gcp", "azure"};
  private static final String[] REGIONS = {null, "eu-west-1", "us-east-2", "r\u00e9gion", "a\"b", "tab\there"};

  @Test
  void randomTablesGiveTheGeneratorsBytes() throws IOException {
    for (int seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Breakdown.PortShare> ports = ports(random, random.nextInt(seed % 5 == 0 ? 400 : 20), seed % 3 == 0);
      for (int depth = 0; depth <= 3; depth++) {
        assertThat(write(ports, depth, true)).as("seed %d, depth %d", seed, depth).isEqualTo(write(ports, depth, false));
      }
    }
  }

  @Test
  void anEmptyTableIsAnEmptyArray() throws IOException {
    assertThat(write(List.of(), 2, true)).isEqualTo(write(List.of(), 2, false)).contains("\"ports\" : [ ]");
  }

  private static String write(List<Breakdown.PortShare> ports, int depth, boolean assembled) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      EncodedPrettyPrinter printer = new EncodedPrettyPrinter();
      g.setPrettyPrinter(printer);
      g.writeStartObject();
      for (int d = 0; d < depth; d++) {
        g.writeObjectFieldStart("level" + d);
        g.writeNumberField("before", d);
      }
      g.writeArrayFieldStart("ports");
      if (assembled) {
        new PortEntriesJson().write(g, ports, printer.nesting());
      } else {
        for (Breakdown.PortShare p : ports) {
          AnalysisJson.port(g, p);
        }
      }
      g.writeEndArray();
      g.writeNumberField("after", 1);
      for (int d = 0; d < depth; d++) {
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<Breakdown.PortShare> ports(Random random, int n, boolean odd) {
    List<Breakdown.PortShare> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long count = 1 + random.nextInt(random.nextBoolean() ? 10 : 1_000_000_000);
      List<Breakdown.SourceShare> top = new ArrayList<>();
      for (int k = random.nextInt(12); k > 0; k--) {
        String address = random.nextBoolean() ? "198.51.100." + random.nextInt(256) : "2001:db8::" + Integer.toHexString(random.nextInt());
        top.add(new Breakdown.SourceShare(address, random.nextInt(1000), share(random, odd), pick(random, PROVIDERS),
            odd ? pick(random, REGIONS) : pick(random, REGIONS, 3)));
      }
      List<Breakdown.ProviderShare> providers = new ArrayList<>();
      for (int k = random.nextInt(4); k > 0; k--) {
        providers.add(new Breakdown.ProviderShare(pick(random, PROVIDERS), random.nextInt(1000), share(random, odd)));
      }
      int kind = random.nextInt(4);
      String protocol = kind == 0 ? null : kind == 1 ? "icmp" : random.nextBoolean() ? "tcp" : "udp";
      Integer port = kind <= 1 ? null : random.nextInt(65536);
      String service = kind == 0 ? "sshd" : null;
      out.add(new Breakdown.PortShare(protocol, port, service, count, share(random, odd), random.nextInt(5000), share(random, odd),
          top, providers));
    }
    return out;
  }

  private static double share(Random random, boolean odd) {
    return switch (random.nextInt(odd ? 6 : 5)) {
      case 0 -> 1.0;
      case 1 -> 1.0 / (1 + random.nextInt(12));
      case 2 -> random.nextInt(5) / 1_900_264.0;
      case 3 -> 0.0;
      case 4 -> random.nextDouble();
      default -> random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
    };
  }

  private static String pick(Random random, String[] values) {
    return pick(random, values, values.length);
  }

  private static String pick(Random random, String[] values, int first) {
    return values[random.nextInt(first)];
  }
}
