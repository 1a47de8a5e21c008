package org.abuseloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.abuseloop.core.outbox.ProviderScore;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static final Breakdown BREAKDOWN = new Breakdown(10,
      List.of(new Breakdown.PortShare("tcp", 1080, null, 10, 1.0, 1, 1.0,
          List.of(new Breakdown.SourceShare("198.51.100.7", 10, 1.0, "aws", "eu-west-1")),
          List.of(new Breakdown.ProviderShare("aws", 10, 1.0)))),
      List.of(new Breakdown.SourceShare("198.51.100.7", 10, 1.0, "aws", "eu-west-1")),
      List.of(new Breakdown.ProviderTotal("aws", 10, 1.0, 1)),
      List.of(new Breakdown.DayCount(LocalDate.parse("2024-03-01"), 10)));

  @Test
  void attackerChosenTextIsEscaped() {
    IncidentRow hostile = new IncidentRow("sip-enumeration", "198.51.100.7", "aws", "eu-west-1",
        Instant.parse("2024-03-01T10:00:00Z"), Instant.parse("2024-03-01T10:05:00Z"), 10, 2.0,
        "users: <script>alert(1)</script>\" onmouseover=\"x", true);
    String page = new HtmlReport(ZoneOffset.UTC).render("t", 12, 10, 2, BREAKDOWN, List.of(hostile));
    assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x");
  }

  @Test
  void pageIsSelfContainedAndCarriesTheFigures() {
    String page = new HtmlReport(ZoneOffset.UTC).render("abuseloop analysis", 12, 10, 2, BREAKDOWN, List.of());
    assertThat(page).doesNotContain("http://", "https://", "<script", "<link").as("no fetch at view time")
        .contains("data-label=\"tcp/1080\" data-value=\"1.0\"")
        .contains("data-address=\"198.51.100.7\" data-count=\"10\"")
        .contains("id=\"lines\" data-value=\"12\"");
  }

  @Test
  void theAbuseDeskSectionShowsTheScoresWhenAStoreIsGiven() {
    ProviderScore desk = new ProviderScore("Example <Cloud>", 4, 1, 2, 0, 1, Duration.ofMinutes(150), Duration.ofHours(30));

    String with = new HtmlReport(ZoneOffset.UTC).render("t", 12, 10, 2, BREAKDOWN, List.of(), List.of(desk));
    String without = new HtmlReport(ZoneOffset.UTC).render("t", 12, 10, 2, BREAKDOWN, List.of());

    assertThat(with).contains("<h2>Abuse desks</h2>", "data-provider=\"Example &lt;Cloud&gt;\" data-sent=\"4\" data-answered=\"0.25\"",
        "25.0%", "2 h 30 min", "1 d 6 h");
    assertThat(without).doesNotContain("Abuse desks");
  }
}
