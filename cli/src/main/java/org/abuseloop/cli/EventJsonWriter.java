package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import org.abuseloop.core.Event;

/**
 * Writes events as JSON lines, one object per event: {@code time} (ISO-8601 with the line's offset),
 * {@code source}, {@code sourcePort}, {@code target}, {@code targetPort}, {@code protocol},
 * {@code service}, {@code family}, {@code kind}, {@code user}, {@code file}, {@code line},
 * {@code offset}. Absent values are null. Not thread-safe.
 */
final class EventJsonWriter implements AutoCloseable {

  private final JsonGenerator json;

  EventJsonWriter(OutputStream out) {
    try {
      json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.setRootValueSeparator(new SerializedString("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(Event e) {
    try {
      json.writeStartObject();
      json.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time().atOffset(e.offset())));
      json.writeStringField("source", e.sourceText());
      writePort("sourcePort", e.sourcePort());
      json.writeStringField("target", e.target() == null ? null : e.target().toString());
      writePort("targetPort", e.targetPort());
      json.writeStringField("protocol", e.protocol().id());
      json.writeStringField("service", e.service().id());
      json.writeStringField("family", e.family().id());
      json.writeStringField("kind", e.kind().name());
      json.writeStringField("user", e.user());
      json.writeStringField("file", e.origin().file());
      json.writeNumberField("line", e.origin().line());
      json.writeNumberField("offset", e.origin().byteOffset());
      json.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void writePort(String name, int port) throws IOException {
    if (port > 0) {
      json.writeNumberField(name, port);
    } else {
      json.writeNullField(name);
    }
  }

  @Override
  public void close() {
    try {
      json.writeRaw('\n');
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
