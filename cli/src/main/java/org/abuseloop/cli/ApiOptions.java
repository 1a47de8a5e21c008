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
  URI abuseIpdbUrl;

  @Option(names = "--abuseipdb-key-file", paramLabel = "FILE", description = "file holding the AbuseIPDB API key (else $ABUSELOOP_ABUSEIPDB_KEY); without a key AbuseIPDB reports wait")
  Path abuseIpdbKeyFile;

  @Option(names = "--msrc-url", paramLabel = "URL", description = "Microsoft's Report Abuse API (default: " + MsrcReport.ENDPOINT + ")")
  URI msrcUrl;

  @Option(names = "--msrc-key-file", paramLabel = "FILE", description = "file holding a key sent as api-key (else $ABUSELOOP_MSRC_KEY; default: none)")
  Path msrcKeyFile;

  @Option(names = "--no-msrc", description = "do not call Microsoft's API: its reports wait")
  boolean noMsrc;

  @Option(names = "--forms-dir", paramLabel = "DIR", description = "where web-form reports' prefilled fields are written (default: STATE/forms)")
  Path formsDir;

  /** AbuseIPDB's API (flags, else the configuration's {@code report.abuseipdb}), or null without a key. */
  MailTransport abuseIpdb(Clock clock, ReportConfig config) throws IOException {
    ReportConfig.Api conf = config.abuseIpdb();
    String key = secret(OutboxOptions.first(abuseIpdbKeyFile, conf.keyFile(), null),
        OutboxOptions.first(conf.keyEnv(), "ABUSELOOP_ABUSEIPDB_KEY", null));
    return key == null ? null
        : new AbuseIpdbApi(OutboxOptions.first(abuseIpdbUrl, conf.url(), AbuseIpdbApi.DEFAULT_BASE), key, TIMEOUT, clock);
  }

  /** Microsoft's API (flags, else the configuration's {@code report.msrc}), or null with {@code --no-msrc}. */
  MailTransport msrc(Clock clock, ReportConfig config) throws IOException {
    ReportConfig.Api conf = config.msrc();
    return noMsrc ? null : new MsrcApi(OutboxOptions.first(msrcUrl, conf.url(), URI.create(MsrcReport.ENDPOINT)),
        secret(OutboxOptions.first(msrcKeyFile, conf.keyFile(), null),
            OutboxOptions.first(conf.keyEnv(), "ABUSELOOP_MSRC_KEY", null)), TIMEOUT, clock);
  }

  /** The web forms' directory: {@code --forms-dir}, else the configuration's, else {@code forms} in the state directory. */
  Path forms(Path state, ReportConfig config) {
    return formsDir != null ? formsDir
        : config.formsDir() != null ? config.formsDir() : StateDirectory.resolve(state).resolve("forms");
  }

  private static String secret(Path file, String env) throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    String value = System.getenv(env);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
