package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The official sources list is complete and every entry saves under a name that tells its provider. */
class RangeSourcesTest {

  @Test
  void everyProviderHasAnHttpsSourceSavedUnderANameThatSaysWhoseItIs() {
    Set<Provider> covered = EnumSet.noneOf(Provider.class);
    Set<String> names = new HashSet<>();
    for (RangeSource s : RangeSources.all()) {
      covered.add(s.provider());
      assertThat(s.uri().getScheme()).isEqualTo("https");
      assertThat(names.add(s.fileName())).as("unique file name " + s.fileName()).isTrue();
      assertThat(Provider.namedIn(s.fileName())).as(s.fileName()).contains(s.provider());
    }
    assertThat(covered).isEqualTo(EnumSet.allOf(Provider.class));
    assertThat(RangeSources.of(Provider.CLOUDFLARE)).hasSize(2);
    assertThat(RangeSources.of(Provider.AZURE)).singleElement().matches(RangeSource::viaDownloadPage);
  }

  @Test
  void aSourceRefusesPlainHttpAndAFileNameWithoutItsProvider() {
    assertThatThrownBy(() -> new RangeSource(Provider.AWS, URI.create("http://example.invalid/x"), "aws.json", false))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> new RangeSource(Provider.AWS, URI.create("https://example.invalid/x"), "ranges.json", false))
        .hasMessageContaining("does not name");
  }
}
