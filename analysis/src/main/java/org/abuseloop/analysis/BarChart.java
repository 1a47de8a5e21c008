package org.abuseloop.analysis;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart drawn as inline SVG, so the page needs no script and no network. Each bar
 * carries its label and value in data attributes, which is what the page's browser test reads.
 * Immutable and thread-safe.
 */
final class BarChart {

  /** One bar: its label, the figure shown and the fraction of the longest bar it spans. */
  record Bar(String label, String figure, double value, String data) {}

  private static final int ROW = 22;
  private static final int LABEL = 190;
  private static final int WIDTH = 640;

  private final String id;
  private final String title;

  BarChart(String id, String title) {
    this.id = id;
    this.title = title;
  }

  String render(List<Bar> bars) {
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    StringBuilder svg = new StringBuilder();
    int height = Math.max(ROW, bars.size() * ROW) + 4;
    svg.append("<figure class=\"chart\" id=\"").append(id).append("\"><figcaption>").append(Html.escape(title)).append("</figcaption>");
    svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, height));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = i * ROW + 2;
      double w = max <= 0 ? 0 : (WIDTH - LABEL - 90) * b.value() / max;
      svg.append(String.format(Locale.ROOT, "<g class=\"bar\" data-label=\"%s\" data-value=\"%s\">", Html.escape(b.label()), Html.escape(b.data())));
      svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 15, Html.escape(b.label())));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>", LABEL, y + 3, w, ROW - 6));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", LABEL + w + 6, y + 15, Html.escape(b.figure())));
      svg.append("</g>");
    }
    svg.append("</svg></figure>\n");
    return svg.toString();
  }
}
