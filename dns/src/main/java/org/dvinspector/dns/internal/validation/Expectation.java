package org.dvinspector.dns.internal.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dvinspector.DnsRules;
import org.dvinspector.DomainName;
import org.dvinspector.spi.Text;
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

  /**
   * Whether a server's answer for {@code name} passes the CA's check: a record of {@link #type()}
   * at the name is the expected one, or (a CA that searches aliases) the name's alias holds it.
   */
  boolean satisfiedBy(List<DnsRecord> answer, DomainName name) {
    return anyExpected(at(answer, name));
  }

  /** Whether a resolver's answer, aliases followed, passes the CA's check. */
  boolean satisfiedAnywhere(List<DnsRecord> answer) {
    return anyExpected(anywhere(answer));
  }

  /**
   * Whether an authoritative answer's alias at {@code name} satisfies the CA by itself, so that it
   * need not be followed (DigiCert searches the CNAME records of the answer for its value, with the
   * target's case as served).
   */
  boolean aliasSatisfies(List<DnsRecord> answer, DomainName name) {
    return false;
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

  /**
   * A TXT record expected: a record's value is its strings joined, shown quoted, and aliases are
   * followed (RFC 8555 §8.4 and CA practice: CNAMEs on the validation name are followed).
   */
  abstract static class TxtRecord extends Expectation {
    /** The value asked for: the expected one, or the one suggested. */
    final String expected;

    TxtRecord(String expected) {
      this.expected = expected;
    }

    @Override
    final RecordType type() {
      return RecordType.TXT;
    }

    @Override
    final boolean followsAliases() {
      return true;
    }

    @Override
    final String expectedText() {
      return Text.quote(expected);
    }

    @Override
    final String expectedRaw() {
      return expected;
    }

    @Override
    final String value(DnsRecord r) {
      return r.is(RecordType.TXT) ? r.joinedStrings() : "";
    }

    @Override
    final String show(DnsRecord r) {
      return Text.quote(value(r));
    }
  }

  /**
   * TXT: by the CA's {@link DnsRules.TxtMatching}: the joined strings of any one record equal the
   * value (RFC 8555 §8.4, BR 3.2.2.4.7), one string equals it, or the record's text contains it.
   */
  static final class Txt extends TxtRecord {
    private final DnsRules.TxtMatching matching;
    private final boolean searchesAliases;

    /** RFC 8555's rule: a record's strings joined equal the value. */
    Txt(String expected) {
      this(expected, DnsRules.defaults());
    }

    Txt(String expected, DnsRules rules) {
      super(expected);
      this.matching = rules.txtMatching();
      this.searchesAliases = rules.searchesAliasTargets();
    }

    /** How the CA compares values. */
    DnsRules.TxtMatching matching() {
      return matching;
    }

    @Override
    boolean isExpected(DnsRecord r) {
      if (!r.is(RecordType.TXT)) {
        return false;
      }
      return switch (matching) {
        case JOINED_EQUALS -> value(r).equals(expected);
        case ANY_STRING_EQUALS -> r.strings().contains(expected);
        case RECORD_TEXT_CONTAINS -> presentation(r.strings()).contains(expected);
      };
    }

    @Override
    boolean satisfiedBy(List<DnsRecord> answer, DomainName name) {
      if (super.satisfiedBy(answer, name)) {
        return true;
      }
      return aliasSatisfies(answer, name);
    }

    @Override
    boolean satisfiedAnywhere(List<DnsRecord> answer) {
      if (super.satisfiedAnywhere(answer)) {
        return true;
      }
      return searchesAliases && answer.stream()
          .anyMatch(r -> r.is(RecordType.CNAME) && aliasHolds(r));
    }

    @Override
    boolean aliasSatisfies(List<DnsRecord> answer, DomainName name) {
      return searchesAliases && answer.stream().anyMatch(r -> r.is(RecordType.CNAME)
          && r.isOwnedBy(name.ascii()) && aliasHolds(r));
    }

    /**
     * Whether a CNAME's target holds the value. DigiCert compares with the target's case as
     * served; the resolution core hands targets over in lower case (resolve.Records.show), so the
     * case is compared loosely here: a target that differs from the value only in case is taken
     * as holding it.
     */
    private boolean aliasHolds(DnsRecord r) {
      return aliasText(r).toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT));
    }

    /** A CNAME's target as dnsjava writes it: the absolute name, with its final dot. */
    private static String aliasText(DnsRecord r) {
      String t = r.target().orElse("");
      return t.endsWith(".") ? t : t + ".";
    }

    @Override
    Classification classify(List<DnsRecord> records, DomainName zone) {
      List<List<String>> found = new ArrayList<>();
      for (DnsRecord r : records) {
        if (r.is(RecordType.TXT)) {
          found.add(r.strings());
        }
      }
      if (matching != DnsRules.TxtMatching.JOINED_EQUALS) {
        for (List<String> strings : found) {
          String joined = String.join("", strings);
          if (strings.size() > 1 && joined.contains(expected)) {
            return new Classification(ValueClassifier.Kind.SPLIT_WRONGLY, joined,
                "the value is split over " + strings.size() + " strings of one TXT record, and"
                    + " this CA " + (matching == DnsRules.TxtMatching.ANY_STRING_EQUALS
                        ? "compares each string alone" : "searches each string alone")
                    + " instead of joining them");
          }
        }
      }
      return ValueClassifier.classifyTxt(expected, found);
    }

    /**
     * A TXT record in presentation format as dnsjava 3.6 writes it ({@code
     * TXTRecord.rdataToString()}): each string in double quotes, {@code "} and {@code \} escaped
     * with a backslash, bytes outside printable ASCII as {@code \DDD}, one space between strings.
     * DigiCert's library searches this text for its value.
     */
    static String presentation(List<String> strings) {
      if (strings.isEmpty()) {
        return "\"\"";
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < strings.size(); i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append('"');
        for (byte x : strings.get(i).getBytes(StandardCharsets.UTF_8)) {
          int c = x & 0xFF;
          if (c < 0x20 || c >= 0x7f) {
            b.append('\\').append(String.format(Locale.ROOT, "%03d", c));
          } else if (c == '"' || c == '\\') {
            b.append('\\').append((char) c);
          } else {
            b.append((char) c);
          }
        }
        b.append('"');
      }
      return b.toString();
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
