package org.abuseloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;
import org.abuseloop.intel.ProviderRange;

/**
 * Writes an analysis as the JSON documented in docs/analyze-json.md: totals, per-file counts, the
 * breakdown and the incidents. Fields are written one by one so the format stays what the
 * documentation says whatever the records' shapes become. Stateless and thread-safe.
 */
final class AnalysisJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Streams the document: only one file, port, source or incident is a tree in memory at a time, so a
   * run with a million sources and thousands of incidents writes within a small heap.
   */
  void write(AnalysisResult r, PrintStream out) throws IOException {
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("lines", r.total().lines());
      g.writeNumberField("events", r.total().events());
      g.writeNumberField("unrecognised", r.total().unrecognised());
      g.writeNumberField("folded", r.folded());
      g.writeObjectFieldStart("foldedByFamily");
      for (java.util.Map.Entry<org.abuseloop.core.Family, Long> f : r.foldedByFamily().entrySet()) {
        g.writeNumberField(f.getKey().id(), f.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("files");
      for (AnalysisResult.FileStats f : r.files()) {
        g.writeTree(JSON.createObjectNode().put("file", f.file()).put("format", f.format())
            .put("lines", f.stats().lines()).put("events", f.stats().events()).put("unrecognised", f.stats().unrecognised()));
      }
      g.writeEndArray();
      writeBreakdown(g, r.breakdown());
      g.writeArrayFieldStart("incidents");
      for (Incident i : r.incidents()) {
        g.writeTree(incident(i, r.owners()));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
    out.flush();
  }

  private static void writeBreakdown(JsonGenerator g, Breakdown b) throws IOException {
    g.writeObjectFieldStart("breakdown");
    g.writeNumberField("total", b.total());
    g.writeArrayFieldStart("ports");
    for (Breakdown.PortShare p : b.ports()) {
      g.writeTree(port(p));
    }
    g.writeEndArray();
    g.writeFieldName("sources");
    g.writeTree(sources(JSON.createArrayNode(), b.sources()));
    ArrayNode providers = JSON.createArrayNode();
    for (Breakdown.ProviderTotal p : b.providers()) {
      providers.addObject().put("provider", p.provider()).put("count", p.count()).put("share", p.share()).put("sources", p.sources());
    }
    g.writeFieldName("providers");
    g.writeTree(providers);
    ArrayNode daily = JSON.createArrayNode();
    for (Breakdown.DayCount d : b.daily()) {
      daily.addObject().put("date", d.date().toString()).put("count", d.count());
    }
    g.writeFieldName("daily");
    g.writeTree(daily);
    g.writeEndObject();
  }

  private static ObjectNode port(Breakdown.PortShare p) {
    ObjectNode o = JSON.createObjectNode().put("protocol", p.protocol());
    if (p.port() == null) {
      o.putNull("port");
    } else {
      o.put("port", p.port());
    }
    o.put("service", p.service());
    o.put("count", p.count()).put("share", p.share()).put("sources", p.sources()).put("topShare", p.topShare());
    sources(o.putArray("top"), p.top());
    ArrayNode providers = o.putArray("providers");
    for (Breakdown.ProviderShare s : p.providers()) {
      providers.addObject().put("provider", s.provider()).put("count", s.count()).put("share", s.share());
    }
    return o;
  }

  private static ArrayNode sources(ArrayNode into, java.util.List<Breakdown.SourceShare> sources) {
    for (Breakdown.SourceShare s : sources) {
      into.addObject().put("address", s.address()).put("count", s.count()).put("share", s.share())
          .put("provider", s.provider()).put("region", s.region());
    }
    return into;
  }

  private static ObjectNode incident(Incident i, RangeOwners owners) {
    ObjectNode o = JSON.createObjectNode();
    o.put("scenario", i.scenario()).put("scope", i.scope().name().toLowerCase(java.util.Locale.ROOT)).put("source", i.sourceText());
    ProviderRange range = i.source() == null ? null : owners.rangeOf(i.source().network());
    o.put("provider", range == null ? null : range.provider().id()).put("region", range == null ? null : range.region());
    o.put("owner", i.owner());
    o.put("first", i.first().toString()).put("last", i.last().toString());
    o.put("count", i.count()).put("ratePerMinute", i.ratePerMinute()).put("offenses", i.offenses()).put("active", i.active());
    ObjectNode kinds = o.putObject("kinds");
    // In the kinds' declared order: the incident's map (Map.copyOf) iterates in an order that follows
    // the enum constants' identity hash codes, which differ from one build or run to the next.
    for (EventKind k : EventKind.values()) {
      Long n = i.kinds().get(k);
      if (n != null) {
        kinds.put(k.name(), n);
      }
    }
    ObjectNode targets = o.putObject("targets");
    tally(targets.putArray("addresses"), i.addresses());
    tally(targets.putArray("ports"), i.ports());
    tally(targets.putArray("users"), i.users());
    tally(o.putArray("sources"), i.sources());
    ArrayNode evidence = o.putArray("evidence");
    for (Evidence e : i.evidence()) {
      evidence.addObject().put("time", e.time().atOffset(e.offset()).toString()).put("family", e.family().id())
          .put("source", e.source() == null ? null : e.source().toString()).put("file", e.file()).put("line", e.line());
    }
    return o;
  }

  private static <T> void tally(ArrayNode into, Tally<T> tally) {
    if (tally == null) {
      return;
    }
    for (Tally.Entry<T> e : tally.entries()) {
      Object v = e.value();
      ObjectNode n = into.addObject();
      if (v instanceof Integer port) {
        n.put("value", port);
      } else {
        n.put("value", v instanceof IpAddress a ? a.toString() : String.valueOf(v));
      }
      n.put("count", e.count());
    }
  }
}
