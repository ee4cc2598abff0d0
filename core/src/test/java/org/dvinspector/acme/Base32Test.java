package org.dvinspector.acme;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lower-case, unpadded base32 of dns-account-01's label (RFC 4648 §6). */
final class Base32Test {
  @Test
  void base32OfTenOctetsIsSixteenCharactersWithoutPadding() {
    byte[] ones = new byte[10];
    java.util.Arrays.fill(ones, (byte) 0xff);

    assertThat(AcmeChallenges.base32Lower(new byte[10], 10)).isEqualTo("aaaaaaaaaaaaaaaa");
    assertThat(AcmeChallenges.base32Lower(ones, 10)).isEqualTo("7777777777777777");
    // RFC 4648 §10 test vectors, lower case and unpadded.
    assertThat(AcmeChallenges.base32Lower("foobar".getBytes(java.nio.charset.StandardCharsets.UTF_8), 6))
        .isEqualTo("mzxw6ytboi");
    assertThat(AcmeChallenges.base32Lower("f".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1))
        .isEqualTo("my");
  }
}
