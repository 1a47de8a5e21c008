package org.abuseloop.report.outbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on loopback for what GreenMail cannot do: answer RCPT with a chosen reply (a 5xx)
 * and offer STARTTLS with AUTH PLAIN (GreenMail 2.1 speaks TLS only from the first byte). It records
 * every command line with whether TLS was on, so tests can check that no password crossed in clear. The
 * TLS key is GreenMail's self-signed test key. Thread-safe: one accepting thread, a synchronized log.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  /** One command the server received, and whether the connection was encrypted then. */
  record Line(String command, boolean tls) {}

  private final ServerSocket socket;
  private final String rcptReply;
  private final boolean offerStartTls;
  private final String user;
  private final String password;
  private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;

  /**
   * @param rcptReply the reply to every RCPT TO (e.g. "550 5.1.1 no such mailbox" or "250 OK")
   * @param offerStartTls whether EHLO offers STARTTLS (and AUTH only after it)
   * @param user the login AUTH PLAIN accepts, null for no AUTH
   */
  ScriptedSmtpServer(String rcptReply, boolean offerStartTls, String user, String password) throws IOException {
    this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.rcptReply = rcptReply;
    this.offerStartTls = offerStartTls;
    this.user = user;
    this.password = password;
    this.acceptor = new Thread(this::serve, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  List<String> messages() {
    return List.copyOf(messages);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        talk(s);
      } catch (IOException e) {
        // The client went away or the server closed: next connection.
      }
    }
  }

  private void talk(Socket plain) throws IOException {
    Socket s = plain;
    boolean tls = false;
    boolean authed = user == null;
    BufferedReader in = reader(s.getInputStream());
    OutputStream out = s.getOutputStream();
    send(out, "220 scripted.test ESMTP");
    for (String line; (line = in.readLine()) != null; ) {
      lines.add(new Line(line, tls));
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
      switch (verb) {
        case "EHLO" -> send(out, ehlo(tls));
        case "STAR" -> {
          send(out, "220 2.0.0 Ready to start TLS");
          s = upgrade(s);
          tls = true;
          in = reader(s.getInputStream());
          out = s.getOutputStream();
        }
        case "AUTH" -> {
          String[] parts = line.split(" ");
          String response = parts.length > 2 ? parts[2] : ask(in, out);
          String[] creds = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\0");
          authed = creds.length == 3 && creds[1].equals(user) && creds[2].equals(password);
          send(out, authed ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed");
        }
        case "MAIL" -> send(out, authed ? "250 OK" : "530 5.7.0 Authentication required");
        case "RCPT" -> send(out, rcptReply);
        case "DATA" -> {
          send(out, "354 End data with <CR><LF>.<CR><LF>");
          messages.add(data(in));
          send(out, "250 2.0.0 queued");
        }
        case "QUIT" -> {
          send(out, "221 bye");
          return;
        }
        default -> send(out, "250 OK");
      }
    }
  }

  private String ehlo(boolean tls) {
    StringBuilder b = new StringBuilder("250-scripted.test\r\n");
    if (offerStartTls && !tls) {
      b.append("250-STARTTLS\r\n");
    }
    if (user != null && (tls || !offerStartTls)) {
      b.append("250-AUTH PLAIN\r\n");
    }
    return b.append("250 8BITMIME").toString();
  }

  private static String ask(BufferedReader in, OutputStream out) throws IOException {
    send(out, "334 ");
    return in.readLine();
  }

  private static String data(BufferedReader in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String line; (line = in.readLine()) != null && !line.equals("."); ) {
      b.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
    }
    return b.toString();
  }

  private static Socket upgrade(Socket s) throws IOException {
    try (InputStream key = ScriptedSmtpServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(key, "changeit".toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(s, null, s.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      return tls;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
