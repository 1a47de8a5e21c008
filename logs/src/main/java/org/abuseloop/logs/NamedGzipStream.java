package org.abuseloop.logs;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip-compressed log read through the JDK's {@link GZIPInputStream}, whose decoding errors (a bad
 * header, a corrupt or truncated member) are rethrown naming the file, so the user learns which of
 * many inputs is broken instead of a bare "Unsupported compression method". Not thread-safe.
 *
 * <p>Public so that whatever else reads a log file back (the CLI's evidence lines) fails the same way.
 */
public final class NamedGzipStream extends FilterInputStream {

  private final String name;

  private NamedGzipStream(InputStream gzip, String name) {
    super(gzip);
    this.name = name;
  }

  /** Opens {@code in}, which starts with gzip's magic bytes; a header that is not gzip's fails here. */
  public static InputStream open(InputStream in, int bufferSize, String name) throws IOException {
    try {
      return new NamedGzipStream(new GZIPInputStream(in, bufferSize), name);
    } catch (ZipException | EOFException e) {
      throw broken(name, e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (ZipException | EOFException e) {
      throw broken(name, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (ZipException | EOFException e) {
      throw broken(name, e);
    }
  }

  private static IOException broken(String name, IOException cause) {
    return new IOException(name + ": not a readable gzip file (" + cause.getMessage() + ")", cause);
  }
}
