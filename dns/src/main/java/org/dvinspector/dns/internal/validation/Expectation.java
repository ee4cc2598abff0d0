package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.Text;
import org.dvinspector.dns.internal.Answers;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.validation.ValueClassifier.Classification;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** What the CA expects at the validation name: a TXT value, or a CNAME target. */
abstract class Expectation {
  /** The record type asked. */
  abstract int type();

  /** {@code TXT} or {@code CNAME}. */
  final String typeName() {
    return Type.string(type());
  }

  /** Whether CNAMEs at the name are followed to find the record (TXT methods). */
  abstract boolean followsAliases();

  /** The expected value, escaped (and quoted for TXT), for messages. */
  abstract String expectedText();

  /** The expected value, raw, for the {@code expected} attribute. */
  abstract String expectedRaw();

  /** The value of one record of {@link #type()}, raw. */
  abstract String value(Record r);

  /** The value of one record of {@link #type()}, escaped for messages. */
  abstract String show(Record r);

  /** Whether one record of {@link #type()} is the expected one. */
  abstract boolean isExpected(Record r);

  /** Classifies records of {@link #type()}, none of which is the expected one. */
  abstract Classification classify(List<Record> records, DomainName zone);

  /** The records of {@link #type()} owned by {@code name}. */
  final List<Record> at(List<Record> records, DomainName name) {
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (r.getType() == type() && Names.toDomain(r.getName()).map(name::equals).orElse(false)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The records of {@link #type()}, whoever owns them (a resolver's answer after aliases). */
  final List<Record> anywhere(List<Record> records) {
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      if (r.getType() == type()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether any of the records is the expected one. */
  final boolean anyExpected(List<Record> records) {
    return records.stream().anyMatch(this::isExpected);
  }

  /** The values of the records, raw. */
  final List<String> values(List<Record> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(value(r)));
    return out;
  }

  /** The records shown for a message: {@code "a", "b"}. */
  final String showAll(List<Record> records) {
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
    int type() {
      return Type.TXT;
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
    String value(Record r) {
      return r instanceof TXTRecord txt ? Answers.joined(txt) : "";
    }

    @Override
    String show(Record r) {
      return Text.quote(value(r));
    }

    @Override
    boolean isExpected(Record r) {
      return r instanceof TXTRecord && value(r).equals(expected);
    }

    @Override
    Classification classify(List<Record> records, DomainName zone) {
      List<List<String>> found = new ArrayList<>();
      for (Record r : records) {
        if (r instanceof TXTRecord txt) {
          found.add(Answers.strings(txt));
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
    int type() {
      return Type.CNAME;
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
    String value(Record r) {
      return r instanceof CNAMERecord cname
          ? Names.show(cname.getTarget()).toLowerCase(Locale.ROOT) : "";
    }

    @Override
    String show(Record r) {
      return Text.escape(value(r));
    }

    @Override
    boolean isExpected(Record r) {
      return r instanceof CNAMERecord cname
          && Names.toDomain(cname.getTarget()).map(target::equals).orElse(false);
    }

    @Override
    Classification classify(List<Record> records, DomainName zone) {
      for (Record r : records) {
        if (r instanceof CNAMERecord cname) {
          Optional<DomainName> found = Names.toDomain(cname.getTarget());
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
