package org.dvinspector.dns.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.junit.jupiter.api.Test;

/** Alias targets: a DNAME above the name decides, synthesized CNAME or not (RFC 6672). */
final class AliasesTest {
  private static final DomainName NAME = DomainName.parse("_acme-challenge.www.example.com");

  private static DnsRecord alias(RecordType type, String owner, String target) {
    return DnsRecord.builder().name(owner).typeCode(type.code()).typeName(type.name()).ttl(300)
        .data(target + ".").target(target).build();
  }

  @Test
  void aCnameAtTheNameIsFollowed() {
    assertThat(Aliases.target(NAME, List.of(alias(RecordType.CNAME, NAME.ascii(), "x.other.net"))))
        .contains(DomainName.parse("x.other.net"));
  }

  @Test
  void aDnameAloneIsSynthesizedAsTheResolverDoes() {
    assertThat(Aliases.target(NAME, List.of(alias(RecordType.DNAME, "www.example.com",
        "www.other.net")))).contains(DomainName.parse("_acme-challenge.www.other.net"));
  }

  @Test
  void theDnameWinsOverACnameThatDoesNotMatchIt() {
    assertThat(Aliases.target(NAME, List.of(
        alias(RecordType.DNAME, "example.com", "other.net"),
        alias(RecordType.CNAME, NAME.ascii(), "elsewhere.org")))).contains(
            DomainName.parse("_acme-challenge.www.other.net"));
  }

  @Test
  void aDnameDoesNotRedirectItsOwnNameOrNamesOutsideIt() {
    assertThat(Aliases.target(DomainName.parse("www.example.com"), List.of(
        alias(RecordType.DNAME, "www.example.com", "other.net")))).isEmpty();
    assertThat(Aliases.target(NAME, List.of(
        alias(RecordType.DNAME, "ample.com", "other.net")))).isEmpty();
  }

  @Test
  void aSynthesizedNameTooLongIsNoAlias() {
    String longTarget = ("a".repeat(60) + ".").repeat(4) + "net";
    assertThat(Aliases.target(NAME, List.of(alias(RecordType.DNAME, "example.com", longTarget))))
        .isEmpty();
  }
}
