package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/** Address keys keep address order as text order and read back. Stateless. */
class AddressKeyTest {

  @Test
  void textOrderIsAddressOrderAndKeysReadBack() {
    String[] ordered = {"0.0.0.0", "9.255.255.255", "10.0.0.0", "192.0.2.1", "255.255.255.255"};
    for (int i = 0; i < ordered.length; i++) {
      IpAddress a = IpAddress.of(ordered[i]);
      assertThat(AddressKey.parse(AddressKey.of(a))).isEqualTo(a);
      if (i > 0) {
        assertThat(AddressKey.of(IpAddress.of(ordered[i - 1]))).isLessThan(AddressKey.of(a));
      }
    }
    String[] v6 = {"::2", "2001:db8::1", "2001:db8:0:0:8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
    for (int i = 0; i < v6.length; i++) {
      IpAddress a = IpAddress.of(v6[i]);
      assertThat(AddressKey.of(a)).hasSize(32);
      assertThat(AddressKey.parse(AddressKey.of(a))).isEqualTo(a);
      if (i > 0) {
        assertThat(AddressKey.of(IpAddress.of(v6[i - 1]))).isLessThan(AddressKey.of(a));
      }
    }
  }
}
