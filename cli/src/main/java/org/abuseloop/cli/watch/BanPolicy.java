package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.AllowList;

/**
 * What an opened incident bans: ADDRESS incidents the address, PREFIX incidents the prefix (at the
 * configured length) when prefix bans are on, OWNER incidents nothing (they are logged); never
 * anything the allow list covers. Immutable and thread-safe.
 */
final class BanPolicy {

  private static final System.Logger LOG = System.getLogger(BanPolicy.class.getName());

  private final WatchConfig.Bans bans;
  private final AllowList allow;

  BanPolicy(WatchConfig.Bans bans, AllowList allow) {
    this.bans = bans;
    this.allow = allow;
  }

  /** The target to ban for {@code incident}, or empty when it bans nothing. */
  Optional<IpPrefix> target(Incident incident) {
    IpPrefix target = switch (incident.scope()) {
      case ADDRESS -> incident.source();
      case PREFIX -> bans.prefixBans() ? widen(incident.source()) : null;
      case OWNER -> null;
    };
    if (target == null) {
      LOG.log(Level.INFO, "incident {0} from {1}: not banned ({2} incidents ban nothing{3})", incident.scenario(),
          incident.sourceText(), incident.scope(), incident.scope() == Incident.Scope.PREFIX ? " with prefix bans off" : "");
      return Optional.empty();
    }
    Optional<String> refusal = allow.refusal(target);
    if (refusal.isPresent()) {
      LOG.log(Level.WARNING, "incident {0} from {1}: not banned, {2}", incident.scenario(), target, refusal.get());
      return Optional.empty();
    }
    return Optional.of(target);
  }

  /** The prefix of the configured length holding {@code source}. */
  IpPrefix widen(IpPrefix source) {
    int length = source.network().isIPv4() ? bans.ipv4Prefix() : bans.ipv6Prefix();
    return IpPrefix.of(source.network(), length);
  }
}
