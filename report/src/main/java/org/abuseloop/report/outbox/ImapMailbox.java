package org.abuseloop.report.outbox;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.search.MessageIDTerm;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.outbox.MailboxCursor;

/**
 * The reporter's mailbox over IMAP with Angus Mail: reads the mails after a cursor (read-only, so the
 * operator's unread marks stay) and looks up our own Bcc copies by Message-ID. Thread-safe: every call
 * opens and closes its own connection.
 */
public final class ImapMailbox implements MailSource, SentCheck {

  private static final System.Logger LOG = System.getLogger(ImapMailbox.class.getName());
  private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]{1,250}@[^<>\\s]{1,250}>");
  private static final Pattern RETURNED_ID = Pattern.compile("(?im)^\\s*Message-ID:\\s*(<[^<>\\s]+>)");
  private static final Pattern FAILED = Pattern.compile("(?im)^\\s*Action:\\s*failed\\b");
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");
  private static final int MAX_TEXT = 64 * 1024;

  private final MailServer server;
  private final String folder;
  private final Session session;
  private final Clock clock;

  /**
   * @param server the IMAP server and the reporter's login
   * @param folder the folder replies and Bcc copies arrive in (usually INBOX)
   * @param clock the time, for mails that carry no date at all
   */
  public ImapMailbox(MailServer server, String folder, Clock clock) {
    if (!server.authenticates()) {
      throw new IllegalArgumentException("reading the reporter's mailbox needs an IMAP user name and password");
    }
    this.server = server;
    this.folder = folder;
    this.clock = clock;
    this.session = Session.getInstance(server.properties(protocol()));
  }

  @Override
  public String name() {
    return server.username() + "@" + server.host() + "/" + folder;
  }

  @Override
  public Fetched fetchAfter(MailboxCursor cursor) {
    try (Store store = connect()) {
      Folder f = store.getFolder(folder);
      f.open(Folder.READ_ONLY);
      try {
        UIDFolder uids = (UIDFolder) f;
        long validity = uids.getUIDValidity();
        long after = cursor != null && cursor.uidValidity() == validity ? cursor.lastUid() : 0;
        List<IncomingMail> mails = new ArrayList<>();
        for (Message m : uids.getMessagesByUID(after + 1, UIDFolder.LASTUID)) {
          long uid = uids.getUID(m);
          if (uid > after) {
            mails.add(read(m, uid));
          }
        }
        return new Fetched(validity, mails);
      } finally {
        f.close(false);
      }
    } catch (MessagingException e) {
      throw new MailboxException("cannot read mailbox " + name() + " on " + server + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Found copyOf(String messageId) {
    try (Store store = connect()) {
      Folder f = store.getFolder(folder);
      f.open(Folder.READ_ONLY);
      try {
        for (Message m : f.search(new MessageIDTerm(messageId))) {
          String[] ids = m.getHeader("Message-ID");
          if (ids != null && ids.length > 0 && ids[0].strip().equals(messageId)) {
            return Found.YES;
          }
        }
        return Found.NO;
      } finally {
        f.close(false);
      }
    } catch (MessagingException e) {
      LOG.log(Level.WARNING, "cannot look for {0} in mailbox {1}: {2}", messageId, name(), e.getMessage());
      return Found.UNKNOWN;
    }
  }

  private Store connect() throws MessagingException {
    Store store = session.getStore(protocol());
    store.connect(server.host(), server.port(), server.username(), server.password());
    return store;
  }

  private String protocol() {
    return server.security() == MailServer.Security.TLS ? "imaps" : "imap";
  }

  // One mail that cannot be fully parsed still counts with what could be read (its headers).
  private IncomingMail read(Message m, long uid) throws MessagingException {
    List<String> references = new ArrayList<>();
    ids(m.getHeader("In-Reply-To"), references);
    ids(m.getHeader("References"), references);
    Content content = new Content();
    try {
      content.walk(m);
    } catch (IOException | MessagingException e) {
      LOG.log(Level.WARNING, "mail {0} in {1}: cannot read all of its body: {2}", uid, name(), e.getMessage());
    }
    references.addAll(content.returnedIds);
    boolean dsn = m.isMimeType("multipart/report")
        && "delivery-status".equalsIgnoreCase(new ContentType(m.getContentType()).getParameter("report-type"));
    String[] messageId = m.getHeader("Message-ID");
    Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
        : m.getSentDate() != null ? m.getSentDate().toInstant() : clock.instant();
    String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : m.getFrom()[0].toString();
    return new IncomingMail(uid, messageId == null || messageId.length == 0 ? null : messageId[0].strip(), references,
        m.getSubject(), from, automatic(m), dsn, dsn && content.failed, content.text.toString(), received);
  }

  private static boolean automatic(Message m) throws MessagingException {
    String[] auto = m.getHeader("Auto-Submitted");
    if (auto != null && auto.length > 0 && !auto[0].strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return true;
    }
    String[] precedence = m.getHeader("Precedence");
    boolean autoReply = precedence != null && precedence.length > 0
        && precedence[0].strip().equalsIgnoreCase("auto_reply");
    return autoReply || m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null;
  }

  private static void ids(String[] headers, List<String> into) {
    if (headers != null) {
      for (String h : headers) {
        Matcher id = ANGLE_ID.matcher(h);
        while (id.find()) {
          into.add(id.group());
        }
      }
    }
  }

  /** The text of a mail's parts and what its non-text parts say (returned Message-IDs, a failed action). */
  private static final class Content {
    final StringBuilder text = new StringBuilder();
    final List<String> returnedIds = new ArrayList<>();
    boolean failed;

    void walk(Part p) throws MessagingException, IOException {
      if (p.isMimeType("multipart/*")) {
        Multipart parts = (Multipart) p.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
          BodyPart part = parts.getBodyPart(i);
          walk(part);
        }
      } else if (p.isMimeType("text/plain") || p.isMimeType("text/html")) {
        Object body = p.getContent();
        String s = body instanceof String str ? str : raw(p);
        append(p.isMimeType("text/html") ? TAGS.matcher(s).replaceAll(" ") : s);
      } else {
        String s = raw(p);
        Matcher id = RETURNED_ID.matcher(s);
        while (id.find()) {
          returnedIds.add(id.group(1));
        }
        failed |= FAILED.matcher(s).find();
      }
    }

    private void append(String s) {
      if (text.length() < MAX_TEXT) {
        text.append(s, 0, Math.min(s.length(), MAX_TEXT - text.length())).append('\n');
      }
    }

    private static String raw(Part p) throws MessagingException, IOException {
      try (InputStream in = p instanceof MimeBodyPart b ? b.getRawInputStream() : p.getInputStream()) {
        return new String(in.readNBytes(MAX_TEXT), StandardCharsets.ISO_8859_1);
      }
    }
  }
}
