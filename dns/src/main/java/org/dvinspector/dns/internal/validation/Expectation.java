package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.internal.validation.ValueClassifier.Classification;

/** What the CA expects at the validation name: a TXT value, or a CNAME target. */
abstract class Expectation {
  /** The record type asked. */
  abstract RecordType type();

  /** {@code TXT} or {@code CNAME}. */
  final String typeName() {
    return type().name();
  }

  /** Whether CNAMEs at the name are followed to find the record (TXT methods). */
  abstract boolean followsAliases();

  /** The expected value, escaped (and quoted for TXT), for messages. */
  abstract String expectedText();

  /** The expected value, raw, for the {@code expected} attribute. */
  abstract String expectedRaw();

  /** The value of one record of {@link #type()}, raw. */
  abstract String value(DnsRecord r);

  /** The value of one record of {@link #type()}, escaped for messages. */
  abstract String show(DnsRecord r);

  /** Whether one record of {@link #type()} is the expected one. */
  abstract boolean isExpected(DnsRecord r);

  /** Classifies records of {@link #type()}, none of which is the expected one. */
  abstract Classification classify(List<DnsRecord> records, DomainName zone);

  /** The records of {@link #type()} owned by {@code name}. */
  final List<DnsRecord> at(List<DnsRecord> records, DomainName name) {
    List<DnsRecord> out = new ArrayList<>();
    for (DnsRecord r : records) {
      if (r.is(type()) && r.isOwnedBy(name.ascii())) {
        out.add(r);
      }
    }
    return out;
  }

  /** The records of {@link #type()}, whoever owns them (a resolver's answer after aliases). */
  final List<DnsRecord> anywhere(List<DnsRecord> records) {
    List<DnsRecord> out = new ArrayList<>();
    for (DnsRecord r : records) {
      if (r.is(type())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether any of the records is the expected one. */
  final boolean anyExpected(List<DnsRecord> records) {
    return records.stream().anyMatch(this::isExpected);
  }

  /** The values of the records, raw. */
  final List<String> values(List<DnsRecord> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(value(r)));
    return out;
  }

  /** The records shown for a message: {@code "a", "b"}. */
  final String showAll(List<DnsRecord> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(show(r)));
    return String.join(", ", out);
  }

  /** TXT: the joined strings of any one record equal the value (RFC 8555 §8.4, BR 3.2.2.4.7). */
  static final class Txt extends Expectation {
    private final String expected;

    Txt(String expected) {
      this.expected = expected;
    }

    @Override
    RecordType type() {
      return RecordType.TXT;
    }

    @Override
    boolean followsAliases() {
      // RFC 8555 §8.4 and CA practice: CNAMEs on the challenge name are followed.
      return true;
    }

    @Override
    String expectedText() {
      return Text.quote(expected);
    }

    @Override
    String expectedRaw() {
      return expected;
    }

    @Override
    String value(DnsRecord r) {
      return r.is(RecordType.TXT) ? r.joinedStrings() : "";
    }

    @Override
    String show(DnsRecord r) {
      return Text.quote(value(r));
    }

    @Override
    boolean isExpected(DnsRecord r) {
      return r.is(RecordType.TXT) && value(r).equals(expected);
    }

    @Override
    Classification classify(List<DnsRecord> records, DomainName zone) {
      List<List<String>> found = new ArrayList<>();
      for (DnsRecord r : records) {
        if (r.is(RecordType.TXT)) {
          found.add(r.strings());
        }
      }
      return ValueClassifier.classifyTxt(expected, found);
    }
  }

  /** CNAME: the name is an alias of the expected target (BR 3.2.2.4.7 with a CNAME). */
  static final class Cname extends Expectation {
    private final DomainName target;

    Cname(DomainName target) {
      this.target = target;
    }

    @Override
    RecordType type() {
      return RecordType.CNAME;
    }

    @Override
    boolean followsAliases() {
      // The CNAME itself is what the CA checks; its target need not resolve.
      return false;
    }

    @Override
    String expectedText() {
      return target.ascii();
    }

    @Override
    String expectedRaw() {
      return target.ascii();
    }

    @Override
    String value(DnsRecord r) {
      return r.is(RecordType.CNAME) ? r.target().orElse("") : "";
    }

    @Override
    String show(DnsRecord r) {
      return Text.escape(value(r));
    }

    @Override
    boolean isExpected(DnsRecord r) {
      return r.is(RecordType.CNAME)
          && r.target().flatMap(DomainName::tryParse).map(target::equals).orElse(false);
    }

    @Override
    Classification classify(List<DnsRecord> records, DomainName zone) {
      for (DnsRecord r : records) {
        if (r.is(RecordType.CNAME)) {
          Optional<DomainName> found = r.target().flatMap(DomainName::tryParse);
          if (found.isPresent()) {
            return ValueClassifier.classifyTarget(target, found.get(), zone);
          }
          return new ValueClassifier.Classification(ValueClassifier.Kind.DIFFERENT, value(r),
              "a target that is not a valid host name");
        }
      }
      throw new IllegalArgumentException("no CNAME record to classify");
    }
  }
}
