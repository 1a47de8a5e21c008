package org.abuseloop.intel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.abuseloop.core.IpAddress;

/**
 * A thin RDAP client (RFC 9082 queries, RFC 9083 answers) for one question: which e-mail address
 * does the registry give for abuse from this IP address. Thread-safe: the JDK HTTP client is, and
 * nothing else is shared.
 *
 * <p>Written by hand on {@code java.net.http} and Jackson because no Java RDAP library is
 * maintained (the few on Maven Central have not had a release in years and pull in large HTTP
 * stacks), and the part needed is small: one GET of {@code BASE/ip/ADDRESS}, redirects followed
 * (the RIRs redirect to each other; the JDK follows up to five, never from https to http), then a
 * breadth-first search of the answer's entities, nested ones included (ARIN nests the abuse
 * contact in the organisation's entity), for the role {@code abuse} and its jCard {@code email}.
 * Loops in the data (an entity that contains itself again, entity links that point back) end on
 * a set of seen handles and URLs and on depth and count limits. When the abuse entity carries no
 * e-mail but a {@code self} link on the same server, that link is fetched (at most
 * {@value #MAX_ENTITY_FETCHES} times).
 *
 * <p>The JDK's request timeout ends at the response headers; a deadline covers the whole exchange,
 * body included, and a body over {@value #MAX_BODY} bytes is cut off unread, so a server that
 * trickles bytes or sends megabytes cannot hold a lookup or fill the heap.
 */
public final class RdapClient {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** How long to wait after a 429 without a readable Retry-After. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

  /** The largest answer read (1 MiB); RDAP answers are a few kilobytes, the IANA bootstrap files less. */
  static final int MAX_BODY = 1 << 20;
  static final int MAX_DEPTH = 16;
  static final int MAX_ENTITIES = 500;
  static final int MAX_ENTITY_FETCHES = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPT = "application/rdap+json, application/json;q=0.9";

  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration deadline;
  private final Clock clock;

  /** A client with the given timeouts and a total deadline of twice the request timeout. */
  public RdapClient(Duration connectTimeout, Duration requestTimeout, Clock clock) {
    this(connectTimeout, requestTimeout, positive(requestTimeout, "request timeout").multipliedBy(2), clock);
  }

  /**
   * A client with the given timeouts; {@code clock} reads Retry-After dates.
   *
   * @param connectTimeout for the TCP (and TLS) connection
   * @param requestTimeout from sending the request to the response headers
   * @param deadline for the whole exchange, the body included: a body still arriving then is cut off
   */
  public RdapClient(Duration connectTimeout, Duration requestTimeout, Duration deadline, Clock clock) {
    this.requestTimeout = positive(requestTimeout, "request timeout");
    this.deadline = positive(deadline, "deadline");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder()
        .connectTimeout(positive(connectTimeout, "connect timeout"))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** A client with the default timeouts and the system clock. */
  public RdapClient() {
    this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Clock.systemUTC());
  }

  /**
   * Asks the registry at {@code base} (a bootstrap base URL ending in {@code /}) about
   * {@code address}. An answer without an abuse entity is an answer (with a null e-mail), not an
   * error.
   *
   * @throws RdapException naming the URL: 404, 429 (with Retry-After), timeout, not RDAP JSON,
   *     another status or a connection failure
   */
  public RdapNetwork query(URI base, IpAddress address) throws RdapException, InterruptedException {
    URI url = base.resolve("ip/" + address);
    Fetched answer = fetch(url);
    JsonNode root = answer.json();
    if (!root.has("startAddress") && !root.has("cidr0_cidrs")
        && !"ip network".equals(root.path("objectClassName").asText())) {
      throw new RdapException(RdapException.Kind.NOT_RDAP, answer.uri(),
          "RDAP answer is not an 'ip network' object", null, null);
    }
    IpAddress[] range = NetworkRange.of(root, address);
    Abuse abuse = findAbuse(root, answer.uri());
    return new RdapNetwork(range[0], range[1], text(root, "handle"), text(root, "name"),
        abuse == null ? null : abuse.email(), abuse == null ? null : abuse.handle(), answer.uri());
  }

  /** Reads a bootstrap file from {@code url} (an {@code http(s)} URL). */
  public RdapBootstrap bootstrap(URI url) throws IOException, InterruptedException {
    byte[] body = get(url).body;
    return RdapBootstrap.read(new ByteArrayInputStream(body), url.toString());
  }

  /** An RDAP answer read as JSON, with the URL that gave it. Not to be shared: the tree is mutable. */
  private record Fetched(URI uri, JsonNode json) {}

  /** A 200 answer's body as bytes, with the URL that gave it and its Content-Type. Not to be shared. */
  private record Raw(URI uri, byte[] body, String contentType) {}

  /** The abuse entity found: its e-mail and handle. Immutable. */
  private record Abuse(String email, String handle) {}

  private Fetched fetch(URI url) throws RdapException, InterruptedException {
    Raw raw = get(url);
    JsonNode root;
    try {
      root = JSON.readTree(raw.body());
    } catch (JacksonException e) {
      throw new RdapException(RdapException.Kind.NOT_RDAP, raw.uri(), "answer is not JSON (Content-Type "
          + raw.contentType() + ", starts with '" + preview(raw.body()) + "')", null, e);
    } catch (IOException e) {
      throw new RdapException(RdapException.Kind.NOT_RDAP, raw.uri(), "answer is not readable", null, e);
    }
    if (root == null || !root.isObject()) {
      throw new RdapException(RdapException.Kind.NOT_RDAP, raw.uri(), "answer is not a JSON object", null, null);
    }
    return new Fetched(raw.uri(), root);
  }

  private Raw get(URI url) throws RdapException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Accept", ACCEPT)
        .header("User-Agent", "abuseloop-rdap")
        .GET()
        .build();
    HttpResponse<byte[]> response = exchange(request, url);
    URI answered = response.uri();
    byte[] body = response.body();
    int status = response.statusCode();
    if (status == 404) {
      throw new RdapException(RdapException.Kind.NOT_FOUND, answered, "the registry has no record (HTTP 404)", null, null);
    }
    if (status == 429) {
      Duration wait = retryAfter(response);
      throw new RdapException(RdapException.Kind.RATE_LIMITED, answered,
          "rate limited (HTTP 429), retry after " + wait.toSeconds() + " s", wait, null);
    }
    if (status >= 300 && status < 400) {
      throw new RdapException(RdapException.Kind.FAILED, answered,
          "redirect not followed (HTTP " + status + ": too many, or from https to http)", null, null);
    }
    if (status != 200) {
      throw new RdapException(RdapException.Kind.FAILED, answered, "HTTP status " + status, null, null);
    }
    return new Raw(answered, body, response.headers().firstValue("Content-Type").orElse("none"));
  }

  /**
   * The whole exchange within the deadline: the JDK's request timeout ends at the response headers,
   * so a body that trickles in a byte at a time would hold the lookup for ever; the deadline covers
   * the body too, and {@link CappedBody} stops one larger than {@link #MAX_BODY}.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request, URI url) throws RdapException, InterruptedException {
    CappedBody[] body = new CappedBody[1];
    CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> {
      body[0] = new CappedBody(MAX_BODY);
      return body[0];
    });
    try {
      return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      long got = body[0] == null ? 0 : body[0].received();
      throw new RdapException(RdapException.Kind.TIMEOUT, url, "answer not complete within " + deadline.toMillis()
          + " ms (" + got + " bytes of the body received), cut off", null, e);
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new RdapException(RdapException.Kind.TIMEOUT, url, "no answer within the timeout", null, cause);
      }
      if (cause instanceof CappedBody.TooLarge || cause != null && cause.getCause() instanceof CappedBody.TooLarge) {
        throw new RdapException(RdapException.Kind.NOT_RDAP, url, "answer larger than " + MAX_BODY
            + " bytes, cut off", null, cause);
      }
      throw new RdapException(RdapException.Kind.FAILED, url, "cannot ask the RDAP server: " + cause, null, cause);
    }
  }

  private Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse("").strip();
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }

  private Abuse findAbuse(JsonNode root, URI answeredBy) throws InterruptedException {
    Set<String> seenHandles = new HashSet<>();
    List<URI> links = new ArrayList<>();
    Abuse found = search(root, seenHandles, links);
    Set<URI> fetched = new HashSet<>();
    for (int i = 0; found == null && i < links.size() && fetched.size() < MAX_ENTITY_FETCHES; i++) {
      URI link = links.get(i);
      // Only the registry that answered is asked again: a link elsewhere (another host, an
      // internal address) is not followed on the word of data the registry's customers edit.
      if (!sameServer(link, answeredBy) || !fetched.add(link)) {
        continue;
      }
      try {
        JsonNode entity = fetch(link).json();
        String email = email(entity);
        found = email != null ? new Abuse(email, text(entity, "handle")) : search(entity, seenHandles, links);
      } catch (RdapException e) {
        // A linked entity that cannot be read leaves the answer without an abuse e-mail; the
        // network answer itself is still good.
      }
    }
    return found;
  }

  /** Breadth-first over the entities under {@code node}: the shallowest abuse entity with an e-mail. */
  private static Abuse search(JsonNode node, Set<String> seenHandles, List<URI> links) {
    Deque<JsonNode> queue = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    enqueue(node, 0, queue, depths);
    int visited = 0;
    while (!queue.isEmpty() && visited++ < MAX_ENTITIES) {
      JsonNode entity = queue.poll();
      int depth = depths.poll();
      String handle = text(entity, "handle");
      if (handle != null && !seenHandles.add(handle)) {
        continue;
      }
      if (hasRole(entity, "abuse")) {
        String email = email(entity);
        if (email != null) {
          return new Abuse(email, handle);
        }
        URI self = selfLink(entity);
        if (self != null) {
          links.add(self);
        }
      }
      if (depth < MAX_DEPTH) {
        enqueue(entity, depth + 1, queue, depths);
      }
    }
    return null;
  }

  private static void enqueue(JsonNode node, int depth, Deque<JsonNode> queue, Deque<Integer> depths) {
    JsonNode entities = node.get("entities");
    if (entities != null && entities.isArray()) {
      for (JsonNode e : entities) {
        if (e.isObject()) {
          queue.add(e);
          depths.add(depth);
        }
      }
    }
  }

  private static boolean hasRole(JsonNode entity, String role) {
    for (JsonNode r : entity.path("roles")) {
      if (role.equalsIgnoreCase(r.asText())) {
        return true;
      }
    }
    return false;
  }

  /** The first plausible {@code email} of the entity's jCard ({@code ["vcard", [[name, params, type, value], ...]]}). */
  static String email(JsonNode entity) {
    JsonNode card = entity.path("vcardArray");
    if (!card.isArray() || card.size() < 2 || !card.get(1).isArray()) {
      return null;
    }
    for (JsonNode property : card.get(1)) {
      if (property.isArray() && property.size() >= 4 && "email".equalsIgnoreCase(property.get(0).asText())) {
        String value = property.get(3).asText("").strip();
        if (value.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
          value = value.substring(7);
        }
        if (MailboxSyntax.plausible(value)) {
          return value;
        }
      }
    }
    return null;
  }

  private static URI selfLink(JsonNode entity) {
    for (JsonNode link : entity.path("links")) {
      if ("self".equals(link.path("rel").asText()) && link.hasNonNull("href")) {
        try {
          URI uri = URI.create(link.get("href").asText());
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          return scheme.equals("https") || scheme.equals("http") ? uri : null;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static boolean sameServer(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
  }

  private static String preview(byte[] body) {
    int n = Math.min(body.length, 40);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = (char) (body[i] & 0xFF);
      sb.append(c >= ' ' && c < 0x7F ? c : '.');
    }
    return sb.toString();
  }

  private static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("the RDAP " + what + " must be positive, got " + d);
    }
    return d;
  }
}
