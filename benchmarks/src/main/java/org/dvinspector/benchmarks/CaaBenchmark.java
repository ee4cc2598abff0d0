package org.dvinspector.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dvinspector.CaaRules;
import org.dvinspector.CaProfiles;
import org.dvinspector.Method;
import org.dvinspector.caa.CaaDecision;
import org.dvinspector.caa.CaaEvaluator;
import org.dvinspector.caa.CaaIssuance;
import org.dvinspector.caa.CaaIssueValue;
import org.dvinspector.caa.CaaRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CAA parsing and evaluation (the {@code caa} module's public {@link CaaRecord#parse}, {@link
 * CaaIssueValue#parse} and {@link CaaEvaluator}), on a realistic relevant set: two CAs, one bound
 * to an ACME account and methods (RFC 8657), a wildcard rule and an iodef contact. Every
 * inspection with a CAA check evaluates such a set once per perspective that answered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CaaBenchmark {
  /** The records in zone-file presentation form. */
  List<String> presentation = List.of(
      "0 issue \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1234567"
          + "; validationmethods=dns-01,http-01\"",
      "0 issue \"digicert.com\"",
      "0 issue \"pki.goog; cansignhttpexchanges=yes\"",
      "0 issuewild \";\"",
      "0 iodef \"mailto:security@example.com\"",
      "128 issue \"sectigo.com\"");

  /** One RFC 8657 issue value. */
  String issueValue = "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/"
      + "1234567; validationmethods=dns-01,http-01";

  List<CaaRecord> records = parseAll(presentation);
  CaaRules rules = CaaRules.rfc();
  CaaEvaluator letsEncrypt = CaaEvaluator.of(CaProfiles.LETS_ENCRYPT.caaRules());
  CaaEvaluator baseline = CaaEvaluator.of(CaaRules.rfc());

  /** Let's Encrypt with the bound account, by dns-01: authorised by the first record. */
  CaaIssuance allowed = CaaIssuance.builder()
      .addIssuerDomains("letsencrypt.org")
      .accountUri("https://acme-v02.api.letsencrypt.org/acme/acct/1234567")
      .validationMethod(Method.ACME_DNS_01)
      .build();

  /** Let's Encrypt with another account: refused, with suggested records. */
  CaaIssuance wrongAccount = CaaIssuance.builder()
      .addIssuerDomains("letsencrypt.org")
      .accountUri("https://acme-v02.api.letsencrypt.org/acme/acct/7654321")
      .validationMethod(Method.ACME_DNS_01)
      .build();

  /** A CA not in the set, for a wildcard name: refused by issuewild. */
  CaaIssuance otherWildcard = CaaIssuance.builder()
      .addIssuerDomains("globalsign.com")
      .wildcard(true)
      .validationMethod(Method.DNS_TXT)
      .build();

  private static List<CaaRecord> parseAll(List<String> texts) {
    List<CaaRecord> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(CaaRecord.parse(t));
    }
    return out;
  }

  /** Parses the six records from their presentation form. */
  @Benchmark
  public List<CaaRecord> parseRecords() {
    return parseAll(presentation);
  }

  /** Parses one issue value with RFC 8657 parameters. */
  @Benchmark
  public CaaIssueValue parseIssueValue() {
    return CaaIssueValue.parse(issueValue, rules);
  }

  /** Evaluates the set for the authorised account. */
  @Benchmark
  public CaaDecision evaluateAllowed() {
    return letsEncrypt.evaluate(records, allowed);
  }

  /** Evaluates the set for another account (refused; the decision suggests records). */
  @Benchmark
  public CaaDecision evaluateWrongAccount() {
    return letsEncrypt.evaluate(records, wrongAccount);
  }

  /** Evaluates the set for a wildcard from a CA it does not name. */
  @Benchmark
  public CaaDecision evaluateWildcardOtherCa() {
    return baseline.evaluate(records, otherWildcard);
  }
}
