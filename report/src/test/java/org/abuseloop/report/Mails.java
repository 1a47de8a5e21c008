package org.abuseloop.report;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

/**
 * Parses rendered mails back with jakarta.mail, as a receiving abuse desk would, for tests. Thread-safe:
 * static methods, each parse on its own session.
 */
final class Mails {

  /** The clock the mail tests write with. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T08:00:00Z"), ZoneOffset.UTC);

  private Mails() {}

  static MimeMessage parse(String mail) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)));
  }

  /** The decoded text of a part, whatever Java type jakarta.mail gives its content. */
  static String text(BodyPart p) throws Exception {
    Object c = p.getContent();
    if (c instanceof String s) {
      return s;
    }
    try (InputStream in = p.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
