package org.abuseloop.report;

import java.util.Map;
import java.util.Set;
import org.abuseloop.core.EventKind;

/**
 * What a scenario means to a person at an abuse desk: one English sentence and the X-ARF type it is
 * filed under, for each default scenario id, with a generic wording (chosen by the kinds of events
 * counted) for any other id. Immutable and thread-safe.
 *
 * @param sentence one sentence saying what the source did
 * @param type the X-ARF category and type
 */
public record ScenarioWording(String sentence, XarfType type) {

  private static final Map<String, ScenarioWording> DEFAULTS = Map.ofEntries(
      login("sshd-bf", "The source tried to guess SSH passwords or user names."),
      login("sshd-slow-bf", "The source guessed SSH passwords slowly, over a long time."),
      login("sshd-campaign", "Several addresses of this network guessed SSH passwords together."),
      login("asterisk-bf", "The source tried to guess SIP account passwords on an Asterisk server."),
      login("freeswitch-bf", "The source tried to guess SIP account passwords on a FreeSWITCH server."),
      login("kamailio-bf", "The source tried to guess SIP account passwords on a Kamailio server."),
      login("sip-slow-bf", "The source guessed SIP account passwords slowly, over a long time."),
      login("sip-user-enum", "The source tried to register many SIP accounts that do not exist, looking for valid ones."),
      recon("sip-dialplan-scan", "The source placed calls to many extensions that do not exist, probing for toll fraud."),
      recon("sip-scanner", "The source sent requests that only SIP scanning tools send."),
      login("sip-campaign", "Several addresses of this network guessed SIP account passwords together."),
      login("smtp-auth-bf", "The source tried to guess mail account passwords through SMTP AUTH."),
      login("imap-auth-bf", "The source tried to guess mail account passwords through IMAP or POP3."),
      recon("mail-reject", "The source sent mail that was rejected: spam, unknown recipients, or protocol abuse."),
      scan("port-scan", "The source connected to many ports of our host and was refused."),
      scan("port-sweep", "The source connected to one port across many of our addresses and was refused."),
      scan("port-sweep-campaign", "Several addresses of this network swept one port across many of our addresses."));

  private static final Set<EventKind> LOGIN_KINDS =
      Set.of(EventKind.AUTH_FAILURE, EventKind.UNKNOWN_USER, EventKind.ACL_REJECT);

  /** The wording of a default scenario, or a generic one from the kinds of events the incident counted. */
  public static ScenarioWording of(String scenario, Set<EventKind> kinds) {
    ScenarioWording known = DEFAULTS.get(scenario);
    if (known != null) {
      return known;
    }
    if (kinds.stream().anyMatch(LOGIN_KINDS::contains)) {
      return new ScenarioWording("The source failed to log in repeatedly (detection rule '" + scenario + "').",
          XarfType.LOGIN_ATTACK);
    }
    if (kinds.contains(EventKind.CONNECTION_DENIED)) {
      return new ScenarioWording("The source made repeated connections that our firewall refused (detection rule '"
          + scenario + "').", XarfType.PORT_SCAN);
    }
    return new ScenarioWording("The source sent repeated abusive requests (detection rule '" + scenario + "').",
        XarfType.RECONNAISSANCE);
  }

  private static Map.Entry<String, ScenarioWording> login(String id, String sentence) {
    return Map.entry(id, new ScenarioWording(sentence, XarfType.LOGIN_ATTACK));
  }

  private static Map.Entry<String, ScenarioWording> scan(String id, String sentence) {
    return Map.entry(id, new ScenarioWording(sentence, XarfType.PORT_SCAN));
  }

  private static Map.Entry<String, ScenarioWording> recon(String id, String sentence) {
    return Map.entry(id, new ScenarioWording(sentence, XarfType.RECONNAISSANCE));
  }
}
