package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;
import org.abuseloop.intel.ProviderRange;

/**
 * Writes an analysis as the JSON documented in docs/analyze-json.md: totals, per-file counts, the
 * breakdown and the incidents. Fields are written one by one so the format stays what the
 * documentation says whatever the records' shapes become. Stateless and thread-safe.
 *
 * <p>Everything goes straight through one streaming generator (jackson-core): nothing is held as a tree,
 * so a run with a million sources and thousands of incidents writes within a small heap, and no
 * {@code ObjectMapper} is built (its data-binding classes cost a run a quarter of a second of start-up).
 */
final class AnalysisJson {

  private static final JsonFactory JSON = new JsonFactory();

  void write(AnalysisResult r, PrintStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      EncodedPrettyPrinter printer = new EncodedPrettyPrinter();
      g.setPrettyPrinter(printer);
      g.writeStartObject();
      g.writeNumberField("lines", r.total().lines());
      g.writeNumberField("events", r.total().events());
      g.writeNumberField("unrecognised", r.total().unrecognised());
      g.writeNumberField("folded", r.folded());
      g.writeObjectFieldStart("foldedByFamily");
      for (Map.Entry<Family, Long> f : r.foldedByFamily().entrySet()) {
        g.writeNumberField(f.getKey().id(), f.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("files");
      for (AnalysisResult.FileStats f : r.files()) {
        g.writeStartObject();
        g.writeStringField("file", f.file());
        g.writeStringField("format", f.format());
        g.writeNumberField("lines", f.stats().lines());
        g.writeNumberField("events", f.stats().events());
        g.writeNumberField("unrecognised", f.stats().unrecognised());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeBreakdown(g, printer, r.breakdown());
      g.writeArrayFieldStart("incidents");
      IsoTimes times = new IsoTimes();
      for (Incident i : r.incidents()) {
        incident(g, i, r.owners(), times);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
    out.flush();
  }

  private static void writeBreakdown(JsonGenerator g, EncodedPrettyPrinter printer, Breakdown b) throws IOException {
    g.writeObjectFieldStart("breakdown");
    g.writeNumberField("total", b.total());
    g.writeArrayFieldStart("ports");
    new PortEntriesJson().write(g, b.ports(), printer.nesting());
    g.writeEndArray();
    g.writeArrayFieldStart("sources");
    sources(g, b.sources());
    g.writeEndArray();
    g.writeArrayFieldStart("providers");
    for (Breakdown.ProviderTotal p : b.providers()) {
      g.writeStartObject();
      g.writeStringField("provider", p.provider());
      g.writeNumberField("count", p.count());
      g.writeNumberField("share", p.share());
      g.writeNumberField("sources", p.sources());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("daily");
    for (Breakdown.DayCount d : b.daily()) {
      g.writeStartObject();
      g.writeStringField("date", d.date().toString());
      g.writeNumberField("count", d.count());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** One entry of {@code breakdown.ports[]}, field by field ({@link PortEntriesJson} writes most of them). */
  static void port(JsonGenerator g, Breakdown.PortShare p) throws IOException {
    g.writeStartObject();
    g.writeStringField("protocol", p.protocol());
    g.writeFieldName("port");
    if (p.port() == null) {
      g.writeNull();
    } else {
      g.writeNumber(p.port());
    }
    g.writeStringField("service", p.service());
    g.writeNumberField("count", p.count());
    g.writeNumberField("share", p.share());
    g.writeNumberField("sources", p.sources());
    g.writeNumberField("topShare", p.topShare());
    g.writeArrayFieldStart("top");
    sources(g, p.top());
    g.writeEndArray();
    g.writeArrayFieldStart("providers");
    for (Breakdown.ProviderShare s : p.providers()) {
      g.writeStartObject();
      g.writeStringField("provider", s.provider());
      g.writeNumberField("count", s.count());
      g.writeNumberField("share", s.share());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void sources(JsonGenerator g, List<Breakdown.SourceShare> sources) throws IOException {
    for (Breakdown.SourceShare s : sources) {
      g.writeStartObject();
      g.writeStringField("address", s.address());
      g.writeNumberField("count", s.count());
      g.writeNumberField("share", s.share());
      g.writeStringField("provider", s.provider());
      g.writeStringField("region", s.region());
      g.writeEndObject();
    }
  }

  // The incidents' field names, encoded once: an incident writes some sixty fields (its targets and
  // evidence), and a field name given as a String is encoded again at each write.
  private static final SerializedString ACTIVE = new SerializedString("active");
  private static final SerializedString ADDRESSES = new SerializedString("addresses");
  private static final SerializedString PORTS = new SerializedString("ports");
  private static final SerializedString USERS = new SerializedString("users");
  private static final SerializedString SOURCES = new SerializedString("sources");
  private static final SerializedString COUNT = new SerializedString("count");
  private static final SerializedString EVIDENCE = new SerializedString("evidence");
  private static final SerializedString FAMILY = new SerializedString("family");
  private static final SerializedString FILE = new SerializedString("file");
  private static final SerializedString FIRST = new SerializedString("first");
  private static final SerializedString KINDS = new SerializedString("kinds");
  private static final SerializedString LAST = new SerializedString("last");
  private static final SerializedString LINE = new SerializedString("line");
  private static final SerializedString OFFENSES = new SerializedString("offenses");
  private static final SerializedString OWNER = new SerializedString("owner");
  private static final SerializedString PROVIDER = new SerializedString("provider");
  private static final SerializedString RATE_PER_MINUTE = new SerializedString("ratePerMinute");
  private static final SerializedString REGION = new SerializedString("region");
  private static final SerializedString SCENARIO = new SerializedString("scenario");
  private static final SerializedString SCOPE = new SerializedString("scope");
  private static final SerializedString SOURCE = new SerializedString("source");
  private static final SerializedString TARGETS = new SerializedString("targets");
  private static final SerializedString TIME = new SerializedString("time");
  private static final SerializedString VALUE = new SerializedString("value");

  private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void number(JsonGenerator g, SerializedString name, long value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  private static void number(JsonGenerator g, SerializedString name, double value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  private static void bool(JsonGenerator g, SerializedString name, boolean value) throws IOException {
    g.writeFieldName(name);
    g.writeBoolean(value);
  }

  private static void objectStart(JsonGenerator g, SerializedString name) throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
  }

  private static void arrayStart(JsonGenerator g, SerializedString name) throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
  }

  private static void incident(JsonGenerator g, Incident i, RangeOwners owners, IsoTimes times) throws IOException {
    g.writeStartObject();
    string(g, SCENARIO, i.scenario());
    string(g, SCOPE, i.scope().name().toLowerCase(Locale.ROOT));
    string(g, SOURCE, i.sourceText());
    ProviderRange range = i.source() == null ? null : owners.rangeOf(i.source().network());
    string(g, PROVIDER, range == null ? null : range.provider().id());
    string(g, REGION, range == null ? null : range.region());
    string(g, OWNER, i.owner());
    string(g, FIRST, times.instant(i.first()));
    string(g, LAST, times.instant(i.last()));
    number(g, COUNT, i.count());
    number(g, RATE_PER_MINUTE, i.ratePerMinute());
    number(g, OFFENSES, i.offenses());
    bool(g, ACTIVE, i.active());
    objectStart(g, KINDS);
    // In the kinds' declared order: the incident's map (Map.copyOf) iterates in an order that follows
    // the enum constants' identity hash codes, which differ from one build or run to the next.
    for (EventKind k : EventKind.values()) {
      Long n = i.kinds().get(k);
      if (n != null) {
        g.writeNumberField(k.name(), n);
      }
    }
    g.writeEndObject();
    objectStart(g, TARGETS);
    tally(g, ADDRESSES, i.addresses());
    tally(g, PORTS, i.ports());
    tally(g, USERS, i.users());
    g.writeEndObject();
    tally(g, SOURCES, i.sources());
    arrayStart(g, EVIDENCE);
    for (Evidence e : i.evidence()) {
      g.writeStartObject();
      string(g, TIME, times.atOffset(e.time(), e.offset()));
      string(g, FAMILY, e.family().id());
      string(g, SOURCE, e.source() == null ? null : e.source().toString());
      string(g, FILE, e.file());
      number(g, LINE, e.line());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** An array of {value, count}; an absent tally is an empty array, as the tree writer left it. */
  private static <T> void tally(JsonGenerator g, SerializedString field, Tally<T> tally) throws IOException {
    arrayStart(g, field);
    if (tally != null) {
      for (Tally.Entry<T> e : tally.entries()) {
        Object v = e.value();
        g.writeStartObject();
        if (v instanceof Integer port) {
          number(g, VALUE, port);
        } else {
          string(g, VALUE, v instanceof IpAddress a ? a.toString() : String.valueOf(v));
        }
        number(g, COUNT, e.count());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }
}
