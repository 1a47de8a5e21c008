package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** The catalog as one source uses it. */
class ParserCatalogTest {

  @Test
  void forSourceKeepsStatelessParsersAndGivesStatefulOnesAFreshInstance() {
    ParserCatalog shared = ParserCatalog.standard();
    ParserCatalog one = shared.forSource();
    ParserCatalog two = shared.forSource();
    assertThat(one.all()).hasSameSizeAs(shared.all());
    assertThat(one.families()).isEqualTo(shared.families());
    assertThat(one.parser(Service.SSHD)).isNotSameAs(shared.parser(Service.SSHD)).isNotSameAs(two.parser(Service.SSHD));
    assertThat(one.parser(Service.DROPBEAR)).isSameAs(shared.parser(Service.DROPBEAR));
  }
}
