package org.abuseloop.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.abuseloop.report.MsrcReport;
import org.abuseloop.report.outbox.AbuseIpdbApi;
import org.abuseloop.report.outbox.MailTransport;
import org.abuseloop.report.outbox.MsrcApi;
import picocli.CommandLine.Option;

/**
 * The reporting APIs and the web forms' directory {@code report send} hands reports to besides mail:
 * AbuseIPDB (base URL, key), Microsoft's Report Abuse API (endpoint, optional key) and where the
 * prefilled fields of web-form reports are written. Keys come from a file or the environment, never from
 * the command line. A picocli mixin; not thread-safe (filled once per run).
 */
final class ApiOptions {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--abuseipdb-url", paramLabel = "URL", description = "AbuseIPDB's API base (default: https://api.abuseipdb.com/api/v2/)")
  URI abuseIpdbUrl = AbuseIpdbApi.DEFAULT_BASE;

  @Option(names = "--abuseipdb-key-file", paramLabel = "FILE", description = "file holding the AbuseIPDB API key (else $ABUSELOOP_ABUSEIPDB_KEY); without a key AbuseIPDB reports wait")
  Path abuseIpdbKeyFile;

  @Option(names = "--msrc-url", paramLabel = "URL", description = "Microsoft's Report Abuse API (default: " + MsrcReport.ENDPOINT + ")")
  URI msrcUrl = URI.create(MsrcReport.ENDPOINT);

  @Option(names = "--msrc-key-file", paramLabel = "FILE", description = "file holding a key sent as api-key (else $ABUSELOOP_MSRC_KEY; default: none)")
  Path msrcKeyFile;

  @Option(names = "--no-msrc", description = "do not call Microsoft's API: its reports wait")
  boolean noMsrc;

  @Option(names = "--forms-dir", paramLabel = "DIR", description = "where web-form reports' prefilled fields are written (default: STATE/forms)")
  Path formsDir;

  /** AbuseIPDB's API, or null when no key is configured. */
  MailTransport abuseIpdb(Clock clock) throws IOException {
    String key = secret(abuseIpdbKeyFile, "ABUSELOOP_ABUSEIPDB_KEY");
    return key == null ? null : new AbuseIpdbApi(abuseIpdbUrl, key, TIMEOUT, clock);
  }

  /** Microsoft's API, or null with {@code --no-msrc}. */
  MailTransport msrc(Clock clock) throws IOException {
    return noMsrc ? null : new MsrcApi(msrcUrl, secret(msrcKeyFile, "ABUSELOOP_MSRC_KEY"), TIMEOUT, clock);
  }

  /** The web forms' directory: {@code --forms-dir}, else {@code forms} in the state directory. */
  Path forms(Path state) {
    return formsDir != null ? formsDir : StateDirectory.resolve(state).resolve("forms");
  }

  private static String secret(Path file, String env) throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    String value = System.getenv(env);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
