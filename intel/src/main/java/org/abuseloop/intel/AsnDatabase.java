package org.abuseloop.intel;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * An optional ASN database in the MaxMind DB format ({@code GeoLite2-ASN.mmdb}, or any database
 * with the same {@code autonomous_system_number} and {@code autonomous_system_organization}
 * fields) that the user supplies. Thread-safe (MaxMind's reader is); close it when done.
 *
 * <p>Reading goes through MaxMind's maintained {@code maxmind-db} reader rather than our own: the
 * format (a binary search tree over a typed data section) is theirs and evolves with their
 * databases, and ASN lookups run once per incident, not per event.
 */
public final class AsnDatabase implements Closeable {

  private static final String NUMBER = "autonomous_system_number";
  private static final String ORGANIZATION = "autonomous_system_organization";

  private final Reader reader;
  private final Path file;

  private AsnDatabase(Reader reader, Path file) {
    this.reader = reader;
    this.file = file;
  }

  /**
   * Opens an ASN database, checking that it is one.
   *
   * @throws IOException naming the file when it is missing, not a MaxMind DB, or of another kind
   *     (a city or country database has no AS numbers)
   */
  public static AsnDatabase open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "ASN database not found");
    }
    Reader reader;
    try {
      reader = new Reader(file.toFile(), new CHMCache());
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a MaxMind DB file (" + e.getMessage() + ")", e);
    }
    String type = reader.getMetadata().getDatabaseType();
    String upper = type == null ? "" : type.toUpperCase(Locale.ROOT);
    if (!upper.contains("ASN") && !upper.contains("ISP")) {
      reader.close();
      throw new IOException(file + ": database type '" + type + "' is not an ASN database (expected e.g. GeoLite2-ASN or GeoIP2-ISP)");
    }
    return new AsnDatabase(reader, file);
  }

  /** The autonomous system announcing the address, or null when the database has none for it. */
  public AutonomousSystem lookup(IpAddress address) throws IOException {
    @SuppressWarnings("rawtypes")
    DatabaseRecord<Map> record = reader.getRecord(inet(address), Map.class);
    Map<?, ?> data = record.getData();
    if (data == null || !(data.get(NUMBER) instanceof Number number)) {
      return null;
    }
    Object org = data.get(ORGANIZATION);
    IpAddress network = IpAddress.parse(record.getNetwork().getNetworkAddress().getHostAddress());
    if (network == null) {
      throw new IOException(file + ": unreadable network for " + address);
    }
    int length = record.getNetwork().getPrefixLength();
    return new AutonomousSystem(number.longValue(), org instanceof String s ? s : null, IpPrefix.of(network, length));
  }

  /** The database type from its metadata, e.g. {@code GeoLite2-ASN}. */
  public String databaseType() {
    return reader.getMetadata().getDatabaseType();
  }

  /** When the database was built, from its metadata. */
  public Instant buildTime() {
    return reader.getMetadata().getBuildDate().toInstant();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private static InetAddress inet(IpAddress a) throws IOException {
    byte[] bytes = a.isIPv4()
        ? ByteBuffer.allocate(4).putInt(a.ipv4Bits()).array()
        : ByteBuffer.allocate(16).putLong(a.high()).putLong(a.low()).array();
    return InetAddress.getByAddress(bytes);
  }
}
