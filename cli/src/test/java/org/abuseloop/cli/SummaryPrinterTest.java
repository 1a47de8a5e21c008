package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counts are written as {@code %,d} writes them, by hand in English and the root locale. */
class SummaryPrinterTest {

  private static SummaryPrinter printer(Locale locale) {
    return new SummaryPrinter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), locale);
  }

  @Test
  void groupsCountsLikeTheFormatterInEveryLocaleTried() {
    Locale[] locales = {Locale.ENGLISH, Locale.US, Locale.ROOT, Locale.GERMANY, Locale.FRANCE, Locale.forLanguageTag("hi-IN")};
    SplittableRandom r = new SplittableRandom(7);
    for (Locale locale : locales) {
      SummaryPrinter p = printer(locale);
      long[] fixed = {0, 1, 12, 123, 999, 1000, 12345, 999_999, 1_000_000, -1, -1000, -123_456_789, Long.MAX_VALUE, Long.MIN_VALUE};
      for (long n : fixed) {
        assertThat(p.count(n)).as("%d in %s", n, locale).isEqualTo(String.format(locale, "%,d", n));
      }
      for (int i = 0; i < 2_000; i++) {
        long n = r.nextLong() >> r.nextInt(64);
        assertThat(p.count(n)).as("%d in %s", n, locale).isEqualTo(String.format(locale, "%,d", n));
      }
    }
  }
}
