package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.abuseloop.logs.conformance.SystemTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Opens the HTML page of {@code abuseloop analyze} in headless Chromium (Debian's chromium and
 * chromedriver, no downloads) and checks it renders without a console error and shows the figures of
 * the JSON output of the same run. Chromium runs with networking off, so the page must be
 * self-contained.
 */
class AnalysisPageIT {

  @TempDir
  Path dir;
  private WebDriver browser;

  @BeforeEach
  void startChromium() {
    String chromium = SystemTool.locate("chromium", "chromium");
    String driver = SystemTool.locate("chromedriver", "chromium-driver");
    ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile()).build(), options);
  }

  @AfterEach
  void stopChromium() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void pageShowsTheJsonFiguresWithoutConsoleErrors() throws Exception {
    SweepLog sample = SweepLog.writeInto(dir);
    Path page = dir.resolve("report.html");
    CommandRun run = CommandRun.of("analyze", "--format", "json", "--zone", "UTC", "--ranges", sample.ranges().toString(),
        "--html", page.toString(), sample.log().toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());

    browser.get(page.toUri().toString());

    assertThat(browser.getTitle()).isEqualTo("abuseloop analysis");
    assertThat(number(browser.findElement(By.id("lines")))).isEqualTo(json.get("lines").asDouble());
    assertThat(number(browser.findElement(By.id("events")))).isEqualTo(json.get("events").asDouble());
    List<WebElement> portBars = browser.findElements(By.cssSelector("#ports g.bar"));
    JsonNode ports = json.at("/breakdown/ports");
    assertThat(portBars).hasSize(ports.size());
    for (int i = 0; i < ports.size(); i++) {
      assertThat(portBars.get(i).getAttribute("data-label")).isEqualTo(ports.get(i).get("protocol").asText() + "/" + ports.get(i).get("port").asInt());
      assertThat(number(portBars.get(i))).isCloseTo(ports.get(i).get("share").asDouble(), within(1e-9));
      assertThat(portBars.get(i).findElement(By.tagName("rect")).getSize().getWidth()).isPositive();
    }
    List<WebElement> sources = browser.findElements(By.cssSelector("#sources tr[data-address]"));
    JsonNode jsonSources = json.at("/breakdown/sources");
    assertThat(sources).hasSize(jsonSources.size());
    for (int i = 0; i < sources.size(); i++) {
      assertThat(sources.get(i).getAttribute("data-address")).isEqualTo(jsonSources.get(i).get("address").asText());
      assertThat(Long.parseLong(sources.get(i).getAttribute("data-count"))).isEqualTo(jsonSources.get(i).get("count").asLong());
      assertThat(sources.get(i).getText()).contains(jsonSources.get(i).get("address").asText());
    }
    assertThat(browser.findElements(By.cssSelector("#incidents tr[data-scenario]"))).hasSize(json.get("incidents").size());
    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(errors).as("console errors").isEmpty();
  }

  private static double number(WebElement e) {
    return Double.parseDouble(e.getAttribute("data-value"));
  }
}
