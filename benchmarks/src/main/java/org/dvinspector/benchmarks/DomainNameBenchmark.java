package org.dvinspector.benchmarks;

import java.util.concurrent.TimeUnit;
import org.dvinspector.DomainName;
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
 * {@link DomainName#parse(String)}: every request and every name read from the network or a batch
 * file goes through it, so a bulk run of 10,000 names parses tens of thousands of names.
 *
 * <p>Inputs are held in fields (not constants) so the JIT cannot fold the work away; results are
 * returned so JMH consumes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DomainNameBenchmark {
  /** What a user types: mixed case and a trailing dot. */
  String ascii = "Www.Shop.Example.COM.";
  /** A validation record name with an underscore label, already canonical. */
  String underscore = "_dnsauth.www.example.com";
  /** A name with U-labels: converted to A-labels (IDNA 2008, UTS #46 non-transitional, Punycode). */
  String unicode = "www.bücher.例え.example";
  /** The same name already in A-label form: each xn-- label is checked to decode. */
  String aLabels = "www.xn--bcher-kva.xn--r8jz45g.example";
  /** A wildcard name. */
  String wildcard = "*.example.co.uk";

  /** Parses a mixed-case ASCII name with a trailing dot. */
  @Benchmark
  public DomainName parseAscii() {
    return DomainName.parse(ascii);
  }

  /** Parses a canonical name with an underscore label. */
  @Benchmark
  public DomainName parseUnderscore() {
    return DomainName.parse(underscore);
  }

  /** Parses an internationalised name given in Unicode (U-labels). */
  @Benchmark
  public DomainName parseIdnUnicode() {
    return DomainName.parse(unicode);
  }

  /** Parses an internationalised name given in A-labels. */
  @Benchmark
  public DomainName parseIdnALabels() {
    return DomainName.parse(aLabels);
  }

  /** Parses a wildcard name. */
  @Benchmark
  public DomainName parseWildcard() {
    return DomainName.parse(wildcard);
  }
}
