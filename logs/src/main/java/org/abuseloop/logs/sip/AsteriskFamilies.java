package org.abuseloop.logs.sip;

import static org.abuseloop.core.EventKind.ACL_REJECT;
import static org.abuseloop.core.EventKind.AUTH_FAILURE;
import static org.abuseloop.core.EventKind.SCANNER;
import static org.abuseloop.core.EventKind.UNKNOWN_EXTENSION;
import static org.abuseloop.core.EventKind.UNKNOWN_USER;

import java.util.List;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * The Asterisk message families abuseloop knows: chan_sip, PJSIP, IAX2, the manager interface (AMI),
 * the security event log and FreePBX's dial plan. Constants only; immutable and thread-safe.
 */
public final class AsteriskFamilies {

  // chan_sip: "Registration from '...' failed for '...' - <reason>"
  public static final Family SIP_WRONG_PASSWORD = family("asterisk.sip.wrong-password", AUTH_FAILURE);
  public static final Family SIP_AUTH_NAME_MISMATCH = family("asterisk.sip.auth-name-mismatch", AUTH_FAILURE);
  public static final Family SIP_NO_PEER = family("asterisk.sip.no-peer", UNKNOWN_USER);
  public static final Family SIP_DEVICE_ACL = family("asterisk.sip.device-acl", ACL_REJECT);
  public static final Family SIP_ACL_ERROR = family("asterisk.sip.acl-error", ACL_REJECT);
  public static final Family SIP_NOT_DYNAMIC = family("asterisk.sip.not-dynamic", ACL_REJECT);
  public static final Family SIP_NOT_LOCAL_DOMAIN = family("asterisk.sip.not-local-domain", ACL_REJECT);
  public static final Family SIP_WRONG_TRANSPORT = family("asterisk.sip.wrong-transport", ACL_REJECT);
  // chan_sip: other notices
  public static final Family SIP_NO_EXTENSION = family("asterisk.sip.no-extension", UNKNOWN_EXTENSION);
  public static final Family SIP_HACKING_ATTEMPT = family("asterisk.sip.hacking-attempt", SCANNER);
  // res_pjsip: "Request 'X' from '...' failed for '...' (callid: ...) - <reason>", rejected calls
  public static final Family PJSIP_NO_ENDPOINT = family("asterisk.pjsip.no-endpoint", UNKNOWN_USER);
  public static final Family PJSIP_AUTH_FAILED = family("asterisk.pjsip.auth-failed", AUTH_FAILURE);
  public static final Family PJSIP_AUTH_ERROR = family("asterisk.pjsip.auth-error", AUTH_FAILURE);
  public static final Family PJSIP_ENDPOINT_ACL = family("asterisk.pjsip.endpoint-acl", ACL_REJECT);
  public static final Family PJSIP_CONTACT_ACL = family("asterisk.pjsip.contact-acl", ACL_REJECT);
  public static final Family PJSIP_NO_EXTENSION = family("asterisk.pjsip.no-extension", UNKNOWN_EXTENSION);
  // chan_iax2
  public static final Family IAX_AUTH_FAILED = family("asterisk.iax.auth-failed", AUTH_FAILURE);
  public static final Family IAX_MD5_FAILED = family("asterisk.iax.md5-failed", AUTH_FAILURE);
  public static final Family IAX_NO_PEER = family("asterisk.iax.no-peer", UNKNOWN_USER);
  public static final Family IAX_NO_EXTENSION = family("asterisk.iax.no-extension", UNKNOWN_EXTENSION);
  // manager.c (AMI)
  public static final Family AMI_AUTH_FAILED = family("asterisk.ami.auth-failed", AUTH_FAILURE);
  public static final Family AMI_UNKNOWN_USER = family("asterisk.ami.unknown-user", UNKNOWN_USER);
  public static final Family AMI_ACL = family("asterisk.ami.acl", ACL_REJECT);
  // res_security_log: SecurityEvent="..."
  public static final Family SECURITY_INVALID_ACCOUNT = family("asterisk.security.invalid-account", UNKNOWN_USER);
  public static final Family SECURITY_CHALLENGE_FAILED = family("asterisk.security.challenge-failed", AUTH_FAILURE);
  public static final Family SECURITY_INVALID_PASSWORD = family("asterisk.security.invalid-password", AUTH_FAILURE);
  public static final Family SECURITY_FAILED_ACL = family("asterisk.security.failed-acl", ACL_REJECT);
  public static final Family SECURITY_UNEXPECTED_ADDRESS = family("asterisk.security.unexpected-address", ACL_REJECT);
  public static final Family SECURITY_INVALID_TRANSPORT = family("asterisk.security.invalid-transport", ACL_REJECT);
  public static final Family SECURITY_AUTH_METHOD = family("asterisk.security.auth-method-not-allowed", AUTH_FAILURE);
  // FreePBX dial plan (from-sip-external)
  public static final Family FREEPBX_UNKNOWN_CONNECTION = family("asterisk.freepbx.unknown-connection", ACL_REJECT);

  /** Every family above, in declaration order. */
  public static final List<Family> ALL = List.of(
      SIP_WRONG_PASSWORD, SIP_AUTH_NAME_MISMATCH, SIP_NO_PEER, SIP_DEVICE_ACL, SIP_ACL_ERROR,
      SIP_NOT_DYNAMIC, SIP_NOT_LOCAL_DOMAIN, SIP_WRONG_TRANSPORT, SIP_NO_EXTENSION, SIP_HACKING_ATTEMPT,
      PJSIP_NO_ENDPOINT, PJSIP_AUTH_FAILED, PJSIP_AUTH_ERROR, PJSIP_ENDPOINT_ACL, PJSIP_CONTACT_ACL,
      PJSIP_NO_EXTENSION, IAX_AUTH_FAILED, IAX_MD5_FAILED, IAX_NO_PEER, IAX_NO_EXTENSION,
      AMI_AUTH_FAILED, AMI_UNKNOWN_USER, AMI_ACL, SECURITY_INVALID_ACCOUNT, SECURITY_CHALLENGE_FAILED,
      SECURITY_INVALID_PASSWORD, SECURITY_FAILED_ACL, SECURITY_UNEXPECTED_ADDRESS,
      SECURITY_INVALID_TRANSPORT, SECURITY_AUTH_METHOD, FREEPBX_UNKNOWN_CONNECTION);

  private AsteriskFamilies() {}

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.ASTERISK, kind);
  }
}
