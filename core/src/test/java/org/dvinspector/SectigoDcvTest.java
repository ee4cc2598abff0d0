package org.dvinspector;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SectigoDcvTest {
  private static final String MD5 = "8c7a3b5360e02f8c0ee6222d42345867";
  private static final String SHA256 =
      "337c212a87093c4c06231b9c974eb848f29afaeb56f17ecb7ada84773779dca4";

  @Test
  void fileIsNamedAfterTheUpperCaseMd5AndHoldsShaAndCaDomain() {
    SectigoDcv dcv = SectigoDcv.of(MD5, SHA256);

    assertThat(dcv.filePath())
        .isEqualTo("/.well-known/pki-validation/8C7A3B5360E02F8C0EE6222D42345867.txt");
    assertThat(dcv.fileContent())
        .isEqualTo("337C212A87093C4C06231B9C974EB848F29AFAEB56F17ECB7ADA84773779DCA4\nsectigo.com");
  }

  @Test
  void uniqueValueIsTheThirdLineAndAnExtraCnameLabel() {
    SectigoDcv dcv = SectigoDcv.of(MD5, SHA256).withUniqueValue("b6gnGbHI");

    assertThat(dcv.fileContent()).endsWith("\nsectigo.com\nb6gnGbHI");
    assertThat(dcv.cnameTarget()).isEqualTo(
        "337c212a87093c4c06231b9c974eb848.f29afaeb56f17ecb7ada84773779dca4.b6gngbhi.sectigo.com");
  }

  @Test
  void cnameIsUnderscoreMd5ToShaHalvesUnderSectigo() {
    DnsCnameCheck check = SectigoDcv.of(MD5, SHA256).dnsCnameCheck();

    assertThat(check.recordName(DomainName.parse("www.example.com")).ascii())
        .isEqualTo("_8c7a3b5360e02f8c0ee6222d42345867.www.example.com");
    assertThat(check.expectedTarget().ascii()).isEqualTo(
        "337c212a87093c4c06231b9c974eb848.f29afaeb56f17ecb7ada84773779dca4.sectigo.com");
  }

  @Test
  void hashesAreOfTheDerEncodedCsr() {
    // Expected values: openssl req -in csr.pem -outform DER | openssl dgst -md5 (and -sha256).
    SectigoDcv dcv = SectigoDcv.fromCsr(CSR_PEM);

    assertThat(dcv.md5()).isEqualTo("9474B035686C679EE84E61BA67967147");
    assertThat(dcv.sha256())
        .isEqualTo("F2C1E1743F95F26F2978F88CDB578BEBC257E17785A75D152C684F950C5C56C8");
  }

  @Test
  void textThatIsNotACsrIsRejected() {
    assertThatThrownBy(() -> SectigoDcv.fromCsr("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
        + "-----END CERTIFICATE REQUEST-----"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DER");
  }

  @Test
  void badHashIsRejected() {
    assertThatThrownBy(() -> SectigoDcv.of("xyz", SHA256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MD5");
  }

  @Test
  void sectigoChecksMakeAValidRequestWithoutAProfileFilePath() {
    SectigoDcv dcv = SectigoDcv.of(MD5, SHA256);

    InspectionRequest request = InspectionRequest.builder()
        .domain("www.example.com")
        .profile(CaProfiles.SECTIGO)
        .addChecks(dcv.httpFileCheck(), dcv.dnsCnameCheck(), CaaCheck.forProfile())
        .build();

    assertThat(request.checks()).hasSize(3);
  }

  // openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=www.example.com
  private static final String CSR_PEM = """
      -----BEGIN CERTIFICATE REQUEST-----
      MIHUMHwCAQAwGjEYMBYGA1UEAwwPd3d3LmV4YW1wbGUuY29tMFkwEwYHKoZIzj0C
      AQYIKoZIzj0DAQcDQgAE3G8MqCQZknOsfCVwVE+iM/Pc/Tk2g9dejOfTjrcXXOfg
      k61CSx+ddo9L1SqEWy98mc5g3ulkqdTXe7jpCaxfqKAAMAoGCCqGSM49BAMCA0gA
      MEUCIGVoDPNiRDU3XqyNnXipm+zQzwWGWhB2qWfJXLR9OtbMAiEApYBF1ak2zeQV
      6F5H9k7xn/D2ySRmZ0s7vqrgBtv88Nc=
      -----END CERTIFICATE REQUEST-----
      """;
}
