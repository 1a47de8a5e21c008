package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.abuseloop.cli.watch.WatchConfig.Allow;
import org.abuseloop.cli.watch.WatchConfig.Bans;
import org.abuseloop.cli.watch.WatchConfig.Firewall;
import org.abuseloop.cli.watch.WatchConfig.FirewallBackend;
import org.abuseloop.cli.watch.WatchConfig.Source;
import org.abuseloop.cli.watch.WatchConfig.SourceKind;
import org.junit.jupiter.api.Test;

class WatchConfigTest {

  private static final Source LOG = Source.file(Path.of("/var/log/auth.log"), null, ZoneOffset.UTC);

  @Test
  void escalatesByTheFactorAndStopsAtTheCap() {
    Bans bans = new Bans(Duration.ofMinutes(10), 3, Duration.ofHours(2), true, 24, 64);
    assertThat(bans.lengthFor(1)).isEqualTo(Duration.ofMinutes(10));
    assertThat(bans.lengthFor(2)).isEqualTo(Duration.ofMinutes(30));
    assertThat(bans.lengthFor(3)).isEqualTo(Duration.ofMinutes(90));
    assertThat(bans.lengthFor(4)).isEqualTo(Duration.ofHours(2));
    assertThat(bans.lengthFor(5000)).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> bans.lengthFor(0)).hasMessageContaining("offenses start at 1");
  }

  @Test
  void defaultsAreTenMinutesDoublingToAWeek() {
    Bans bans = Bans.defaults();
    assertThat(bans.lengthFor(2)).isEqualTo(Duration.ofMinutes(20));
    assertThat(bans.lengthFor(11)).isEqualTo(Duration.ofDays(7));
    assertThat(bans.prefixBans()).isTrue();
  }

  @Test
  void refusesImpossibleBanSettingsNamingTheSetting() {
    assertThatThrownBy(() -> new Bans(Duration.ZERO, 2, Duration.ofDays(1), true, 24, 64)).hasMessageStartingWith("bans.time");
    assertThatThrownBy(() -> new Bans(Duration.ofMinutes(1), 0.5, Duration.ofDays(1), true, 24, 64)).hasMessageStartingWith("bans.factor");
    assertThatThrownBy(() -> new Bans(Duration.ofMinutes(1), Double.NaN, Duration.ofDays(1), true, 24, 64)).hasMessageStartingWith("bans.factor");
    assertThatThrownBy(() -> new Bans(Duration.ofHours(2), 2, Duration.ofHours(1), true, 24, 64)).hasMessageStartingWith("bans.cap");
    assertThatThrownBy(() -> new Bans(Duration.ofHours(1), 2, Duration.ofHours(1), true, 8, 64)).hasMessageStartingWith("bans.ipv4-prefix");
    assertThatThrownBy(() -> new Bans(Duration.ofHours(1), 2, Duration.ofHours(1), true, 24, 16)).hasMessageStartingWith("bans.ipv6-prefix");
  }

  @Test
  void refusesSourcesThatCannotWork() {
    assertThatThrownBy(() -> new Source(SourceKind.FILE, null, null, null, ZoneOffset.UTC)).hasMessageContaining("needs a path");
    assertThatThrownBy(() -> new Source(SourceKind.SYSLOG_UDP, null, null, null, ZoneOffset.UTC)).hasMessageContaining("listen address");
    assertThatThrownBy(() -> new Source(SourceKind.STDIN, Path.of("x"), null, null, ZoneOffset.UTC)).hasMessageContaining("takes no path");
    assertThatThrownBy(() -> config(List.of())).hasMessageStartingWith("sources");
    assertThatThrownBy(() -> config(List.of(LOG, Source.file(Path.of("/var/log/../log/auth.log"), null, ZoneOffset.UTC))))
        .hasMessageContaining("listed twice");
  }

  @Test
  void refusesBadTablesAndStoreUrls() {
    assertThatThrownBy(() -> new Firewall(FirewallBackend.NFTABLES, "Bad-Name", false)).hasMessageStartingWith("firewall.table");
    assertThatThrownBy(() -> new WatchConfig(List.of(LOG), Firewall.defaults(), Bans.defaults(), Allow.defaults(),
        Path.of("/tmp/s"), "jdbc:mysql://x/y", null, null, null)).hasMessageStartingWith("store");
  }

  @Test
  void namesSourcesStablyAndPutsTheStoreInTheStateDirectory() {
    Source udp = Source.syslog(SourceKind.SYSLOG_UDP, new InetSocketAddress("127.0.0.1", 5514), null, ZoneOffset.UTC);
    assertThat(udp.name()).isEqualTo("syslog-udp:127.0.0.1:5514");
    assertThat(LOG.name()).isEqualTo("file:/var/log/auth.log");
    WatchConfig config = config(List.of(LOG, udp));
    assertThat(config.effectiveStoreUrl()).isEqualTo("jdbc:sqlite:/tmp/s/abuseloop.db");
  }

  private static WatchConfig config(List<Source> sources) {
    return new WatchConfig(sources, Firewall.defaults(), Bans.defaults(), Allow.defaults(), Path.of("/tmp/s"), null, null, null, null);
  }
}
