package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.core.IpAddress;
import org.abuseloop.intel.AbuseContacts;
import org.abuseloop.intel.AsnDatabase;
import org.abuseloop.intel.ContactAnswer;
import org.abuseloop.intel.ContactOverrides;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.intel.RdapBootstrap;
import org.abuseloop.intel.RdapClient;
import org.abuseloop.intel.RdapContacts;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop contact ADDRESS...}: where a report about each address would go, and why: the
 * operator's overrides, the provider table (attribution from the published ranges), then RDAP when
 * {@code --rdap} allows network lookups, cached in the store. Not thread-safe; one run per instance.
 */
@Command(name = "contact", mixinStandardHelpOptions = true,
    description = "Show where an abuse report about each address would be sent, and why.")
final class ContactCommand implements Callable<Integer> {

  static final List<String> IANA_BOOTSTRAP = List.of("https://data.iana.org/rdap/ipv4.json", "https://data.iana.org/rdap/ipv6.json");

  @Parameters(paramLabel = "ADDRESS", arity = "1..*", description = "source addresses")
  List<String> addresses;

  @Option(names = "--ranges", paramLabel = "DIR", description = "provider range files (default: STATE/ranges when present)")
  Path ranges;

  @Option(names = "--state", paramLabel = "DIR", description = "state directory (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--overrides", paramLabel = "FILE", description = "the operator's override table (YAML)")
  Path overrides;

  @Option(names = "--provider", paramLabel = "ID", description = "take every address as this provider's (aws, hetzner, ...)")
  String provider;

  @Option(names = "--asn-db", paramLabel = "FILE",
      description = "MaxMind ASN database (GeoLite2-ASN.mmdb): attributes hosters without range files (Hetzner, OVH, ...) by AS number")
  Path asnDatabase;

  @Option(names = "--rdap", description = "ask the registries over RDAP when no table answers (network access)")
  boolean rdap;

  @Option(names = "--rdap-bootstrap", paramLabel = "URL|FILE", split = ",",
      description = "RFC 9224 bootstrap files (default: IANA's ipv4.json and ipv6.json)")
  List<String> bootstrap;

  @Option(names = "--rdap-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "per RDAP request (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(names = "--rdap-reserved", hidden = true, description = "also ask about reserved space (tests against a loopback registry)")
  boolean reserved;

  @Option(names = "--store", paramLabel = "JDBC-URL", description = "cache RDAP answers here (default: the state directory's SQLite file)")
  String storeUrl;

  @Option(names = "--json", description = "print a JSON array instead of text")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<IpAddress> sources = new ArrayList<>();
    for (String a : addresses) {
      IpAddress ip = IpAddress.parse(a);
      if (ip == null) {
        throw new IllegalArgumentException("not an IP address: '" + a + "'");
      }
      sources.add(ip);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--rdap-timeout must be at least 1 second, got " + timeoutSeconds);
    }
    RangeOwners owners = provider == null ? RangeOwners.load(ranges, state) : null;
    AbuseContacts.Builder resolver = AbuseContacts.builder().queryReservedSpace(reserved);
    if (overrides != null) {
      resolver.overrides(ContactOverrides.read(overrides));
    }
    AsnDatabase asns = asnDatabase == null ? null : AsnDatabase.open(asnDatabase);
    Store store = null;
    try {
      resolver.asns(asns);
      store = rdap ? openStore() : null;
      if (rdap) {
        resolver.rdap(rdapContacts(store));
      }
      AbuseContacts contacts = resolver.build();
      List<ContactAnswer> answers = new ArrayList<>();
      for (IpAddress ip : sources) {
        ProviderRange range = owners == null ? null : owners.rangeOf(ip);
        answers.add(provider != null ? contacts.find(ip, provider) : contacts.find(ip, range));
      }
      print(sources, answers);
    } finally {
      if (store != null) {
        store.close();
      }
      if (asns != null) {
        asns.close();
      }
    }
    return 0;
  }

  private Store openStore() {
    return storeUrl != null ? Store.open(storeUrl) : Store.openIn(StateDirectory.resolve(state));
  }

  private RdapContacts rdapContacts(Store store) throws IOException, InterruptedException {
    RdapClient client = new RdapClient(Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(timeoutSeconds), Clock.systemUTC());
    List<RdapBootstrap> files = new ArrayList<>();
    for (String source : bootstrap == null || bootstrap.isEmpty() ? IANA_BOOTSTRAP : bootstrap) {
      files.add(source.startsWith("http://") || source.startsWith("https://")
          ? client.bootstrap(URI.create(source)) : RdapBootstrap.read(Path.of(source)));
    }
    return RdapContacts.builder(RdapBootstrap.of(files), client).cache(new StoreContactCache(store.contacts())).build();
  }

  private void print(List<IpAddress> sources, List<ContactAnswer> answers) throws IOException {
    PrintStream out = System.out;
    if (!json) {
      for (int i = 0; i < sources.size(); i++) {
        ContactAnswer a = answers.get(i);
        out.printf("%-39s %-8s %s%s%n    %s%n", sources.get(i), a.channel(), a.contact() == null ? "-" : a.contact(),
            a.format() == null ? "" : " (" + a.format() + ")", a.reason());
      }
      return;
    }
    try (JsonGenerator g = new JsonFactory().createGenerator((OutputStream) out).useDefaultPrettyPrinter()) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.writeStartArray();
      for (int i = 0; i < sources.size(); i++) {
        ContactAnswer a = answers.get(i);
        g.writeStartObject();
        g.writeStringField("source", sources.get(i).toString());
        g.writeStringField("channel", a.channel());
        g.writeStringField("contact", a.contact());
        g.writeStringField("format", a.format());
        g.writeStringField("registry", a.registry());
        g.writeStringField("reason", a.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    out.println();
  }
}
