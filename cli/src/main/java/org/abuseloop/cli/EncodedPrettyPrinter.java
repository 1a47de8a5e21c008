package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Jackson's default pretty printer, writing the same bytes, with its separators and indentations
 * encoded once: the default writes each as a {@code String} or {@code char[]} that the byte generator
 * converts character by character (about 1.5 % of the CPU of {@code analyze --format json} on a 2M-line
 * firewall log, whose JSON is mostly indentation). Stateful like its parent: one per generator.
 */
final class EncodedPrettyPrinter extends DefaultPrettyPrinter {

  private static final long serialVersionUID = 1L;

  private final SerializableString fieldValueSeparator;
  private final SerializableString objectEntrySeparator;
  private final SerializableString arrayValueSeparator;

  EncodedPrettyPrinter() {
    indentObjectsWith(new Lines());
    fieldValueSeparator = new SerializedString(_objectFieldValueSeparatorWithSpaces);
    objectEntrySeparator = new SerializedString(_objectEntrySeparator);
    arrayValueSeparator = new SerializedString(_arrayValueSeparator);
  }

  /** How deep the generator is in objects (arrays are written inline and do not count). */
  int nesting() {
    return _nesting;
  }

  @Override
  public DefaultPrettyPrinter createInstance() {
    return new EncodedPrettyPrinter();
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(fieldValueSeparator);
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(objectEntrySeparator);
    _objectIndenter.writeIndentation(g, _nesting);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(arrayValueSeparator);
    _arrayIndenter.writeIndentation(g, _nesting);
  }

  /**
   * {@link DefaultIndenter#SYSTEM_LINEFEED_INSTANCE}'s indentation (the line separator, then two spaces
   * per level), one encoded string per level, made on first use.
   */
  private static final class Lines implements Indenter {
    private static final DefaultIndenter SAME_AS = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;
    private SerializableString[] levels = new SerializableString[8];

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      if (level >= levels.length) {
        levels = Arrays.copyOf(levels, Math.max(level + 1, levels.length * 2));
      }
      SerializableString s = levels[level];
      if (s == null) {
        s = new SerializedString(SAME_AS.getEol() + SAME_AS.getIndent().repeat(level));
        levels[level] = s;
      }
      g.writeRaw(s);
    }

    @Override
    public boolean isInline() {
      return SAME_AS.isInline();
    }
  }
}
