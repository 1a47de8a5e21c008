package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The encoded pretty printer writes exactly the bytes of Jackson's default one. */
class EncodedPrettyPrinterTest {

  @Test
  void writesTheBytesOfTheDefaultPrettyPrinter() throws IOException {
    assertThat(write(new EncodedPrettyPrinter())).isEqualTo(write(new DefaultPrettyPrinter()));
  }

  private static String write(PrettyPrinter printer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setPrettyPrinter(printer);
      g.writeStartObject();
      g.writeNumberField("lines", 12);
      g.writeObjectFieldStart("empty");
      g.writeEndObject();
      g.writeArrayFieldStart("none");
      g.writeEndArray();
      g.writeArrayFieldStart("ports");
      for (int i = 0; i < 3; i++) {
        g.writeStartObject();
        g.writeStringField("protocol", i == 1 ? null : "tcp");
        g.writeNumberField("share", i / 3.0);
        g.writeArrayFieldStart("top");
        g.writeNumber(i);
        g.writeString("198.51.100." + i);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      // deeper than the first table of indentations
      for (int depth = 0; depth < 20; depth++) {
        g.writeObjectFieldStart("d" + depth);
        g.writeStringField("a", "é\"\n");
      }
      for (int depth = 0; depth < 20; depth++) {
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
