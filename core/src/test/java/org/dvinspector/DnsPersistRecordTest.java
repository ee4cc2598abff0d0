package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.dvinspector.DnsPersistRecord.Judgement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * dns-persist-01 records as draft-ietf-acme-dns-persist-01 writes them (its examples use the
 * issuer {@code authority.example} and the account {@code https://ca.example/acct/123}) and as
 * boulder's va/dns_persist.go (commit 2d00c8e27919) judges them.
 */
final class DnsPersistRecordTest {
  private static final List<String> CA = List.of("authority.example", "ca.example.net");
  private static final String ACCOUNT = "https://ca.example/acct/123";
  private static final Instant NOW = Instant.parse("2024-07-01T00:00:00Z");

  private static Judgement judge(String text, boolean wildcard) {
    return DnsPersistRecord.parse(text).judge(CA, ACCOUNT, wildcard, NOW);
  }

  @Test
  void theDraftsBasicExampleAuthorizesTheName() {
    // The draft's record is two strings, joined by the CA.
    DnsPersistRecord r = DnsPersistRecord.parse("authority.example;"
        + " accounturi=https://ca.example/acct/123");

    assertThat(r.isWellFormed()).isTrue();
    assertThat(r.issuerDomain()).isEqualTo("authority.example");
    assertThat(r.accountUri()).contains(ACCOUNT);
    assertThat(r.allowsWildcard()).isFalse();
    assertThat(r.judge(CA, ACCOUNT, false, NOW)).isEqualTo(Judgement.AUTHORIZES);
    assertThat(r.judge(CA, ACCOUNT, true, NOW)).isEqualTo(Judgement.WILDCARD_NOT_ALLOWED);
  }

  @Test
  void theDraftsWildcardExampleWithPersistUntil() {
    // persistUntil=1721952000 is 2024-07-26T00:00:00Z, as the draft says.
    DnsPersistRecord r = DnsPersistRecord.parse("authority.example;"
        + " accounturi=https://ca.example/acct/123; policy=wildcard; persistUntil=1721952000");

    assertThat(r.persistUntil()).contains(Instant.parse("2024-07-26T00:00:00Z"));
    assertThat(r.judge(CA, ACCOUNT, true, NOW)).isEqualTo(Judgement.AUTHORIZES);
    assertThat(r.judge(CA, ACCOUNT, true, Instant.parse("2024-07-26T00:00:01Z")))
        .isEqualTo(Judgement.EXPIRED);
    // At the instant itself the record still counts ("after the specified timestamp").
    assertThat(r.judge(CA, ACCOUNT, true, Instant.parse("2024-07-26T00:00:00Z")))
        .isEqualTo(Judgement.AUTHORIZES);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // another CA's record is ignored, even malformed
      "ca2.example; accounturi=https://ca2.example/acme/acct/67890 | OTHER_ISSUER",
      "ca2.example; accounturi | OTHER_ISSUER",
      "; accounturi=https://ca.example/acct/123 | OTHER_ISSUER",
      // issuer comparison: case-insensitive, one trailing dot tolerated (boulder normalises)
      "AUTHORITY.Example; accounturi=https://ca.example/acct/123 | AUTHORIZES",
      "authority.example.; accounturi=https://ca.example/acct/123 | AUTHORIZES",
      "ca.example.net;accounturi=https://ca.example/acct/123 | AUTHORIZES",
      // tags are case-insensitive, unknown tags ignored, WSP around = allowed
      "authority.example; AccountURI = https://ca.example/acct/123; future=1 | AUTHORIZES",
      // malformed records naming the CA
      "authority.example | MALFORMED",
      "authority.example; accounturi= | MALFORMED",
      "authority.example; accounturi=https://ca.example/acct/123; | MALFORMED",
      "authority.example; accounturi=https://ca.example/acct/123; accounturi=https://x.example/1 | MALFORMED",
      "authority.example; accounturi=https://ca.example/acct/123; persistUntil=tomorrow | MALFORMED",
      "authority.example; accounturi=https://ca.example/acct/123; policy=wildcard; policy=wildcard | MALFORMED",
      "authority.example accounturi=https://ca.example/acct/123 | OTHER_ISSUER",
      // the account is compared exactly (RFC 3986 §6.2.1 simple string comparison)
      "authority.example; accounturi=https://ca.example/acct/124 | ACCOUNT_MISMATCH",
      "authority.example; accounturi=https://CA.example/acct/123 | ACCOUNT_MISMATCH",
      "authority.example; accounturi=https://ca.example/acct/123/ | ACCOUNT_MISMATCH",
      // expired
      "authority.example; accounturi=https://ca.example/acct/123; persistUntil=1700000000 | EXPIRED",
      "authority.example; accounturi=https://ca.example/acct/123; persistUntil=-1 | EXPIRED",
  })
  void judgesRecordsForOneCaAndAccount(String text, Judgement expected) {
    assertThat(judge(text, false)).isEqualTo(expected);
  }

  @Test
  void policyValuesOtherThanWildcardCountAsAbsent() {
    assertThat(judge("authority.example; accounturi=" + ACCOUNT + "; policy=WildCard", true))
        .isEqualTo(Judgement.AUTHORIZES);
    assertThat(judge("authority.example; accounturi=" + ACCOUNT + "; policy=subdomains", true))
        .isEqualTo(Judgement.WILDCARD_NOT_ALLOWED);
    assertThat(judge("authority.example; accounturi=" + ACCOUNT + "; policy=subdomains", false))
        .isEqualTo(Judgement.AUTHORIZES);
  }

  @Test
  void problemsSayWhatIsWrong() {
    assertThat(DnsPersistRecord.parse("authority.example").problem())
        .hasValueSatisfying(p -> assertThat(p).contains("accounturi").contains("missing"));
    assertThat(DnsPersistRecord.parse("authority.example; accounturi=a; accounturi=b").problem())
        .hasValueSatisfying(p -> assertThat(p).contains("accounturi is given 2 times"));
    assertThat(DnsPersistRecord.parse("authority.example; accounturi=a; persistUntil=x").problem())
        .hasValueSatisfying(p -> assertThat(p).contains("UNIX time"));
    assertThat(DnsPersistRecord.parse("authority.example; accounturi=a;").problem())
        .hasValueSatisfying(p -> assertThat(p).contains("not followed by a parameter"));
  }

  @Test
  void valueForWritesWhatTheDraftWrites() {
    assertThat(DnsPersistRecord.valueFor("Authority.Example", ACCOUNT, true))
        .isEqualTo("authority.example; accounturi=https://ca.example/acct/123; policy=wildcard");
    assertThat(DnsPersistRecord.parse(DnsPersistRecord.valueFor("authority.example", ACCOUNT,
        false)).judge(CA, ACCOUNT, false, NOW)).isEqualTo(Judgement.AUTHORIZES);
  }
}
