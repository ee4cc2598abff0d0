package org.dvinspector;

import org.dvinspector.spi.Text;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a CA reads from one dns-persist-01 TXT record at {@code _validation-persist.<name>}
 * (draft-ietf-acme-dns-persist-01, BR 3.2.2.4.22): an RFC 8659 {@linkplain IssueValue
 * issue-value} naming the CA's issuer domain name, with a mandatory {@code accounturi}, an
 * optional {@code policy} ({@code wildcard} widens the scope to the name's subdomains and
 * wildcard) and an optional {@code persistUntil} (a UNIX time after which the record may not be
 * used for new validations). Unknown parameters are ignored, as the draft requires.
 *
 * <p>Where the draft leaves room, this follows Let's Encrypt's validator (boulder {@code
 * va/dns_persist.go} at commit 2d00c8e27919fe945e53b2cf857838e68a1da111): the issuer domain name is
 * compared in lower case with one trailing dot removed; a duplicate {@code accounturi}, {@code
 * policy} or {@code persistUntil} makes the record malformed; {@code persistUntil} is a signed
 * base-10 integer; a record that names another CA is skipped even when it is malformed.
 */
@Value.Immutable
public abstract class DnsPersistRecord {
  /** The label of the Authorization Domain Name: {@code _validation-persist.<name>}. */
  public static final String LABEL = "_validation-persist";

  /** How a record stands for one CA, account, name and time (the first reason that applies). */
  public enum Judgement {
    /** The record authorizes the validation. */
    AUTHORIZES,
    /** The record names another CA (or no CA): the CA ignores it. */
    OTHER_ISSUER,
    /** The record names the CA but does not parse (the CA answers {@code malformed}). */
    MALFORMED,
    /** The record names the CA with another account's {@code accounturi}. */
    ACCOUNT_MISMATCH,
    /** The name is a wildcard and the record lacks {@code policy=wildcard}. */
    WILDCARD_NOT_ALLOWED,
    /** The record's {@code persistUntil} is before the validation time. */
    EXPIRED
  }

  /** The TXT record's strings joined, as the CA reads them. */
  public abstract String text();

  /**
   * The issuer domain name in lower case without a trailing dot: the text before the first
   * {@code ;}, trimmed; empty when there is none.
   */
  public abstract String issuerDomain();

  /** The {@code accounturi} value, when exactly one is given. */
  public abstract Optional<String> accountUri();

  /** The {@code policy} value as written, when given. */
  public abstract Optional<String> policy();

  /** The {@code persistUntil} time, when given and readable. */
  public abstract Optional<Instant> persistUntil();

  /** Why the record does not parse, escaped for messages; empty when it parses. */
  public abstract Optional<String> problem();

  /** Whether {@code policy=wildcard} (case-insensitive) widens the record's scope. */
  public boolean allowsWildcard() {
    return policy().map(p -> p.equalsIgnoreCase("wildcard")).orElse(false);
  }

  /** Whether the record parses. */
  public boolean isWellFormed() {
    return problem().isEmpty();
  }

  /** Whether the record names one of {@code issuerDomains} (compared normalised). */
  public boolean names(List<String> issuerDomains) {
    for (String d : issuerDomains) {
      if (!issuerDomain().isEmpty() && normalize(d).equals(issuerDomain())) {
        return true;
      }
    }
    return false;
  }

  /**
   * How the CA whose issuer domain names are {@code issuerDomains} judges this record for the
   * account {@code accountUri}, a {@code wildcard} name or not, at {@code now}: the checks in the
   * draft's order (issuer, syntax, account, scope, expiry). Account URIs are compared exactly
   * (RFC 3986 §6.2.1 simple string comparison).
   */
  public Judgement judge(List<String> issuerDomains, String accountUri, boolean wildcard,
      Instant now) {
    if (!names(issuerDomains)) {
      return Judgement.OTHER_ISSUER;
    }
    if (!isWellFormed()) {
      return Judgement.MALFORMED;
    }
    if (!accountUri().map(accountUri::equals).orElse(false)) {
      return Judgement.ACCOUNT_MISMATCH;
    }
    if (wildcard && !allowsWildcard()) {
      return Judgement.WILDCARD_NOT_ALLOWED;
    }
    if (persistUntil().isPresent() && now.isAfter(persistUntil().get())) {
      return Judgement.EXPIRED;
    }
    return Judgement.AUTHORIZES;
  }

  /**
   * The record value that authorizes {@code accountUri} at the CA named {@code issuerDomain}:
   * {@code issuer; accounturi=URI}, with {@code ; policy=wildcard} when {@code wildcard}.
   */
  public static String valueFor(String issuerDomain, String accountUri, boolean wildcard) {
    return normalize(issuerDomain) + "; accounturi=" + accountUri
        + (wildcard ? "; policy=wildcard" : "");
  }

  /**
   * Reads one record (its strings already joined). Never throws for bad input: a record that does
   * not parse comes back with a {@link #problem()}.
   */
  public static DnsPersistRecord parse(String text) {
    int semicolon = text.indexOf(';');
    String head = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
    String issuer = normalize(head);
    // Boulder normalises the issuer (lower case, one trailing dot removed) before comparing it; the
    // grammar is then applied to the rest as written.
    String forGrammar = text;
    if (head.endsWith(".") && head.length() > 1) {
      int at = text.indexOf(head);
      forGrammar = text.substring(0, at) + head.substring(0, head.length() - 1)
          + text.substring(at + head.length());
    }
    ImmutableDnsPersistRecord.Builder b = ImmutableDnsPersistRecord.builder()
        .text(text)
        .issuerDomain(issuer);
    IssueValue value = IssueValue.parse(forGrammar, CaaRules.rfc());
    if (!value.isWellFormed()) {
      return b.problem(value.problem().orElse("not an issue-value")).build();
    }
    if (value.issuerDomain().isEmpty()) {
      return b.problem("no issuer domain name before the first \";\"").build();
    }
    List<String> accounts = value.parameterValues("accounturi");
    List<String> policies = value.parameterValues("policy");
    List<String> until = value.parameterValues("persistuntil");
    Optional<String> duplicate = duplicate("accounturi", accounts)
        .or(() -> duplicate("policy", policies))
        .or(() -> duplicate("persistUntil", until));
    if (duplicate.isPresent()) {
      return b.problem(duplicate.get()).build();
    }
    if (accounts.isEmpty() || accounts.get(0).isEmpty()) {
      return b.problem("the mandatory accounturi parameter is "
          + (accounts.isEmpty() ? "missing" : "empty")).build();
    }
    b.accountUri(accounts.get(0));
    if (!policies.isEmpty()) {
      b.policy(policies.get(0));
    }
    if (!until.isEmpty()) {
      String u = until.get(0);
      try {
        b.persistUntil(Instant.ofEpochSecond(Long.parseLong(u)));
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return b.problem("persistUntil " + Text.quote(u, 40)
            + " is not a UNIX time (a base-10 number of seconds since 1970-01-01T00:00:00Z)")
            .build();
      }
    }
    return b.build();
  }

  private static Optional<String> duplicate(String tag, List<String> values) {
    return values.size() > 1
        ? Optional.of("the parameter " + tag + " is given " + values.size() + " times")
        : Optional.empty();
  }

  /** Lower case, one trailing dot removed, A-labels for U-labels when the name parses. */
  static String normalize(String issuerDomain) {
    String d = issuerDomain.strip();
    if (d.endsWith(".") && d.length() > 1) {
      d = d.substring(0, d.length() - 1);
    }
    return DomainName.tryParse(d).map(DomainName::ascii).orElse(d.toLowerCase(Locale.ROOT));
  }
}
