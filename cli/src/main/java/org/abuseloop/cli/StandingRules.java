package org.abuseloop.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The firewall rules an operator set by hand and abuseloop keeps in force: per-port rate limits and
 * provider range blocks, saved as {@code firewall-rules.json} in the state directory so that a later
 * command, {@code ranges update} and {@code watch} can put them back. Immutable and thread-safe; the
 * file is replaced atomically.
 *
 * @param version the file format's version (1)
 * @param backend the firewall backend the rules were installed with ({@code nftables}, {@code ipset} ...)
 * @param table the table (or ipset prefix) they live in
 * @param netns the network namespace the firewall commands ran in, or null for the host's
 * @param limits the rate limits, one per port
 * @param blocks the range blocks, one per name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StandingRules(int version, String backend, String table, String netns, List<Limit> limits, List<Block> blocks) {

  static final String FILE = "firewall-rules.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  StandingRules {
    limits = limits == null ? List.of() : List.copyOf(limits);
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /**
   * A per-source rate limit on one port, as typed: {@code udp/5060} and {@code 3/60s}.
   *
   * @param port the port, {@code PROTOCOL/NUMBER}
   * @param rate the rate, {@code COUNT/DURATION}
   */
  record Limit(String port, String rate) {}

  /**
   * A block of one provider's published ranges, filtered, optionally on one port and over a rate.
   *
   * @param name the block's name (the provider id unless given)
   * @param provider the provider id ({@code aws})
   * @param region only this region, or null
   * @param service only ranges serving this ({@code EC2}), or null
   * @param port only this port ({@code udp/5060}), or null for all traffic
   * @param rate drop only beyond this per-source rate, or null to drop all
   * @param ranges the folder of range files, or null for the state directory's {@code ranges/}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Block(String name, String provider, String region, String service, String port, String rate, String ranges) {}

  static StandingRules none() {
    return new StandingRules(1, null, null, null, List.of(), List.of());
  }

  /** The rules saved in {@code state}, or none when there is no file. */
  static StandingRules load(Path state) throws IOException {
    Path file = state.resolve(FILE);
    if (!Files.exists(file)) {
      return none();
    }
    try {
      return JSON.readValue(file.toFile(), StandingRules.class);
    } catch (IOException e) {
      throw new IOException(file + ": not a valid rules file: " + e.getMessage(), e);
    }
  }

  /** Writes the rules to {@code state}, replacing the file in one rename. */
  void save(Path state) throws IOException {
    Files.createDirectories(state);
    Path tmp = Files.createTempFile(state, ".firewall-rules", ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, state.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** These rules, remembered as installed with {@code backend} in {@code table} (inside {@code netns}, or null). */
  StandingRules in(String backend, String table, String netns) {
    return new StandingRules(version, backend, table, netns, limits, blocks);
  }

  boolean isEmpty() {
    return limits.isEmpty() && blocks.isEmpty();
  }

  /** These rules with {@code limit} in place of any other on its port. */
  StandingRules with(Limit limit) {
    List<Limit> out = new ArrayList<>(limits.stream().filter(l -> !l.port().equals(limit.port())).toList());
    out.add(limit);
    return new StandingRules(version, backend, table, netns, out, blocks);
  }

  /** These rules without the limit on {@code port}. */
  StandingRules withoutLimit(String port) {
    return new StandingRules(version, backend, table, netns, limits.stream().filter(l -> !l.port().equals(port)).toList(), blocks);
  }

  /** These rules with {@code block} in place of any other of its name. */
  StandingRules with(Block block) {
    List<Block> out = new ArrayList<>(blocks.stream().filter(b -> !b.name().equals(block.name())).toList());
    out.add(block);
    return new StandingRules(version, backend, table, netns, limits, out);
  }

  /** These rules without the block {@code name}. */
  StandingRules withoutBlock(String name) {
    return new StandingRules(version, backend, table, netns, limits, blocks.stream().filter(b -> !b.name().equals(name)).toList());
  }

  Optional<Block> block(String name) {
    return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
