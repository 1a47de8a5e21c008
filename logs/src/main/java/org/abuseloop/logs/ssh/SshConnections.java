package org.abuseloop.logs.ssh;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.Message;

/**
 * What one log source has said so far about each open sshd connection, keyed by the process id that
 * logs it: the client, the users tried, a failure still waiting for its client. It turns a line's
 * {@link Finding} into at most one event, as fail2ban's multi-line sshd filter does. Bounded (the
 * least recently used connection goes first; a connection silent for ten minutes is forgotten) and
 * not thread-safe: one per source.
 */
final class SshConnections {

  /** sshd's LoginGraceTime is two minutes by default; a pid silent for longer is another connection. */
  private static final long STALE_SECONDS = 600;
  private static final int MAX_USERS = 16;

  private final ConnectionTable<Connection> open;

  /** Remembers up to {@code capacity} connections; 0 remembers none (each line on its own). */
  SshConnections(int capacity) {
    this.open = capacity == 0 ? null : new ConnectionTable<>(capacity);
  }

  /** The event that {@code f}, read from {@code m}, gives in the light of its connection, or null. */
  Event apply(Message m, Finding f) {
    long pid = open == null ? -1 : m.processId();
    long now = m.epochSecond();
    Connection c = pid < 0 ? null : current(pid, now);
    if (f.role == Finding.Role.NEW_CONNECTION) {
      if (pid >= 0) {
        open.put(pid, new Connection(now).learn(f));
      }
      return null;
    }
    if (c == null && pid >= 0 && f.role != Finding.Role.SESSION_END && f.role != Finding.Role.LOGIN) {
      c = new Connection(now);
      open.put(pid, c);
    }
    if (c != null) {
      c.seen = now;
    }
    return switch (f.role) {
      case ATTACK -> attack(m, f, c);
      case HOSTLESS -> hostless(m, f, c);
      case LEARN -> learned(m, f, c);
      case SESSION_END -> end(m, f, c, pid);
      case LOGIN -> login(m, f, c, pid);
      case PAM -> pam(m, f, c);
      case NEW_CONNECTION -> null;
    };
  }

  private Connection current(long pid, long now) {
    Connection c = open.get(pid);
    if (c != null && Math.abs(now - c.seen) > STALE_SECONDS) {
      open.remove(pid);
      return null;
    }
    return c;
  }

  private static Event attack(Message m, Finding f, Connection c) {
    if (c != null) {
      c.learn(f).tried(f.user);
    }
    return event(m, f.family, f, c);
  }

  private static Event hostless(Message m, Finding f, Connection c) {
    if (c == null) {
      return null;
    }
    c.tried(f.user);
    if (c.source == null) {
      c.pending = f.family;
      c.pendingUser = f.user;
      return null;
    }
    return event(m, f.family, from(c, f.user), c);
  }

  /** A line naming the client that reports nothing itself, unless a failure was waiting for the client. */
  private static Event learned(Message m, Finding f, Connection c) {
    if (c == null) {
      return null;
    }
    c.learn(f).tried(f.user);
    return c.pending == null ? null : c.release(m, f);
  }

  private Event end(Message m, Finding f, Connection c, long pid) {
    if (c != null) {
      open.remove(pid);
      c.learn(f);
      if (c.pending != null) {
        return c.release(m, f);
      }
    }
    return f.preauth ? event(m, f.family, f, c) : null;
  }

  private Event login(Message m, Finding f, Connection c, long pid) {
    if (c == null) {
      return null;
    }
    open.remove(pid);
    c.learn(f).tried(f.user);
    return c.users.size() > 1 ? event(m, SshdFamilies.LOGIN_AFTER_FAILURES, f, c) : null;
  }

  private static Event pam(Message m, Finding f, Connection c) {
    if (c == null) {
      return null;
    }
    c.learn(f).tried(f.user);
    return c.users.size() > 1 ? event(m, f.family, f, c) : null;
  }

  private static Finding from(Connection c, String user) {
    Finding f = new Finding(Finding.Role.ATTACK, null).client(c.source, c.port);
    f.user = user != null ? user : c.lastUser();
    return f;
  }

  static Event event(Message m, Family family, Finding f, Connection c) {
    if (f.source == null) {
      return null;
    }
    IpAddress target = f.target != null ? f.target : c == null ? null : c.target;
    int targetPort = f.target != null ? f.targetPort : c == null ? 0 : c.targetPort;
    return m.event(family).source(f.source.address()).sourceHost(f.source.host()).sourcePort(f.port)
        .target(target).targetPort(targetPort).protocol(Protocol.TCP).user(f.user).build();
  }

  /** One connection as far as its lines have told. */
  private static final class Connection {
    private Source source;
    private int port;
    private IpAddress target;
    private int targetPort;
    private final List<String> users = new ArrayList<>(2);
    private Family pending;
    private String pendingUser;
    private long seen;

    Connection(long now) {
      this.seen = now;
    }

    Connection learn(Finding f) {
      if (f.source != null) {
        source = f.source;
        port = f.port > 0 ? f.port : port;
      }
      if (f.target != null) {
        target = f.target;
        targetPort = f.targetPort;
      }
      return this;
    }

    void tried(String user) {
      if (user != null && !user.isEmpty() && !users.contains(user) && users.size() < MAX_USERS) {
        users.add(user);
      }
    }

    String lastUser() {
      return users.isEmpty() ? null : users.get(users.size() - 1);
    }

    /** The waiting failure, now that {@code f} has named the client. */
    Event release(Message m, Finding f) {
      Family family = pending;
      String user = pendingUser != null ? pendingUser : f.user;
      pending = null;
      pendingUser = null;
      return event(m, family, from(this, user), this);
    }
  }
}
