package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.abuseloop.core.Event;

/**
 * Feeds arbitrary bytes after real Asterisk and FreeSWITCH heads through the whole pipeline: nothing
 * may throw, every event has an address and a user without control characters. Under plain JUnit this
 * runs the stored inputs once; with {@code JAZZER_FUZZ=1} it fuzzes.
 */
class SipParsersFuzzTest {

  private static final String[] HEADS = {
      "[2024-05-01 10:00:00] NOTICE[1638] chan_sip.c: ",
      "[2024-05-01 10:00:00] NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '",
      "[2024-05-01 10:00:00] SECURITY[1] res_security_log.c: SecurityEvent=\"InvalidAccountID\",",
      "May  1 10:00:00 pbx asterisk[1]: [May  1 10:00:00] WARNING[1][C-1] Ext. s: ",
      "2024-05-01 10:00:00.000001 96.00% [WARNING] sofia_reg.c:1 ",
      "0d6c2a3e-51b7-4e4c-9a60-7f3f2c1b9d10 2024-05-01 10:00:00.000001 [WARNING] sofia.c:1 IP "};

  @FuzzTest
  void neverThrowsAndNamesOnlyAddressesOfTheLine(FuzzedDataProvider data) {
    String head = data.pickValue(HEADS);
    byte[] tail = data.consumeRemainingAsBytes();
    byte[] line = new byte[head.length() + tail.length];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, line, 0, head.length());
    System.arraycopy(tail, 0, line, head.length(), tail.length);
    String text = new String(line, StandardCharsets.ISO_8859_1);
    for (Event e : ParsedLines.events(line)) {
      assertThat(e.source()).as(text).isNotNull();
      assertThat(e.user() == null || e.user().chars().noneMatch(c -> c < 0x20)).as("user without control characters").isTrue();
    }
  }
}
