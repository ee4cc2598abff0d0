package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fully qualified domain name in canonical form: lower case, A-labels (Punycode) for
 * internationalised labels, no trailing dot.
 *
 * <p>{@link #parse(String)} accepts what a user types: any case, a trailing dot, U-labels
 * ({@code bücher.example}) and a wildcard as the whole leftmost label ({@code *.example.com}).
 * It rejects empty labels, labels over 63 octets, names over 253 octets, misplaced wildcards,
 * characters that cannot appear in a DNS host name, and IP address literals, each with a message
 * that says what is wrong.
 *
 * <p>Labels may contain underscores, because validation records live at names such as {@code
 * _dnsauth.example.com}; {@link #isHostname()} tells whether a name is also a valid host name
 * (what a certificate may contain).
 *
 * <p>Internationalised labels are converted the way CAs and browsers do today: IDNA 2008 with
 * UTS #46 non-transitional mapping ({@code faß.de} is {@code xn--fa-hia.de}, not IDNA 2003's
 * {@code fass.de}); A-labels must be valid IDNA 2008 labels (BR 1.6.1 "P-Label"). Invisible
 * characters ({@code exa\u200bmple.com} is refused, not read as {@code example.com}), symbols and
 * emoji, and labels typed in Unicode that mix scripts (homographs) are refused with a message
 * that says why; the A-label of a mixed-script name is accepted as given.
 */
public final class DomainName implements Comparable<DomainName> {
  /** Longest name in octets, without the trailing dot (RFC 1035 §2.3.4, 255 on the wire). */
  public static final int MAX_LENGTH = 253;

  /** Longest label in octets (RFC 1035 §2.3.4). */
  public static final int MAX_LABEL_LENGTH = 63;

  private final List<String> labels;
  private final String ascii;

  private DomainName(List<String> labels) {
    this.labels = Collections.unmodifiableList(labels);
    this.ascii = String.join(".", labels);
  }

  private DomainName(List<String> labels, String ascii) {
    this.labels = Collections.unmodifiableList(labels);
    this.ascii = ascii;
  }

  /**
   * Parses and normalises a domain name.
   *
   * @throws InvalidDomainNameException if the input is not a valid domain name; the message says
   *     why
   */
  public static DomainName parse(String input) {
    if (input == null) {
      throw new NullPointerException("domain name");
    }
    DomainName plain = plainAscii(input);
    if (plain != null) {
      return plain;
    }
    String name = input.strip();
    if (name.isEmpty()) {
      throw new InvalidDomainNameException(input, "it is empty");
    }
    if (name.contains("/") || name.contains("@") || name.contains(" ")) {
      throw new InvalidDomainNameException(
          input, "it looks like a URL or e-mail address; give only the domain name");
    }
    if (name.startsWith("[") || name.indexOf(':') >= 0) {
      throw new InvalidDomainNameException(
          input, "it is an IP address literal (or contains a ':'); give a domain name");
    }
    if (name.equals(".")) {
      throw new InvalidDomainNameException(input, "the root zone is not a domain name to validate");
    }
    // Full stops in other scripts (IDNA 2003 treats them as separators).
    name = name.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.startsWith(".")) {
      throw new InvalidDomainNameException(input, "it starts with a dot (empty label)");
    }
    if (name.contains("..")) {
      throw new InvalidDomainNameException(input, "it contains an empty label (\"..\")");
    }
    List<String> raw = Arrays.asList(name.split("\\.", -1));
    if (isIpv4Literal(raw)) {
      throw new InvalidDomainNameException(
          input, "it is an IPv4 address literal; give a domain name");
    }
    List<String> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String label = raw.get(i);
      if (label.equals("*")) {
        if (i != 0) {
          throw new InvalidDomainNameException(
              input, "a wildcard '*' is allowed only as the whole leftmost label");
        }
        if (raw.size() < 2) {
          throw new InvalidDomainNameException(input, "a wildcard needs a name under it");
        }
        out.add("*");
        continue;
      }
      if (label.indexOf('*') >= 0) {
        throw new InvalidDomainNameException(
            input, "a wildcard '*' is allowed only as the whole leftmost label, not in \""
                + Text.escape(label) + "\"");
      }
      out.add(toAsciiLabel(input, label));
    }
    String tld = out.get(out.size() - 1);
    if (tld.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidDomainNameException(input, "the top-level label \"" + tld + "\" is all digits");
    }
    List<String> display = new ArrayList<>(out.size());
    for (String l : out) {
      display.add(Idna.displayForm(l));
    }
    try {
      Idna.checkBidiDomain(display);
    } catch (Idna.IdnaException e) {
      throw new InvalidDomainNameException(input, String.valueOf(e.getMessage()));
    }
    int length = String.join(".", out).length();
    if (length > MAX_LENGTH) {
      throw new InvalidDomainNameException(
          input, "it is " + length + " octets long; the limit is " + MAX_LENGTH);
    }
    return new DomainName(out);
  }

  /**
   * The common case at the cost of one scan: lower-case LDH (and underscore) labels, none of them
   * an A-label or all digits at the top, no wildcard, within the limits. Such a name passes every
   * rule of {@link #parse(String)} unchanged (no IDNA mapping, no Bidi rule: it has no
   * right-to-left label). Returns null for anything else, which then takes the full path.
   */
  private static @Nullable DomainName plainAscii(String input) {
    int end = input.length();
    if (end > 0 && input.charAt(end - 1) == '.') {
      end--;
    }
    if (end == 0 || end > MAX_LENGTH) {
      return null;
    }
    List<String> labels = new ArrayList<>(4);
    int start = 0;
    boolean digitsOnly = true;
    boolean allDigitLabels = true;
    for (int i = 0; i <= end; i++) {
      char c = i < end ? input.charAt(i) : '.';
      if (c == '.') {
        int length = i - start;
        if (length == 0 || length > MAX_LABEL_LENGTH || input.charAt(start) == '-'
            || input.charAt(i - 1) == '-'
            || (length >= 4 && input.charAt(start + 2) == '-' && input.charAt(start + 3) == '-')) {
          return null;
        }
        allDigitLabels &= digitsOnly;
        if (i == end && digitsOnly) {
          return null;
        }
        labels.add(input.substring(start, i));
        start = i + 1;
        digitsOnly = true;
      } else if ((c >= 'a' && c <= 'z') || c == '-' || c == '_') {
        digitsOnly = false;
      } else if (c < '0' || c > '9') {
        return null;
      }
    }
    if (allDigitLabels) {
      return null;
    }
    return new DomainName(labels, end == input.length() ? input : input.substring(0, end));
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing. */
  public static Optional<DomainName> tryParse(@Nullable String input) {
    if (input == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(input));
    } catch (InvalidDomainNameException e) {
      return Optional.empty();
    }
  }

  private static boolean isIpv4Literal(List<String> labels) {
    if (labels.size() != 4) {
      return false;
    }
    for (String l : labels) {
      if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static String toAsciiLabel(String input, String label) {
    String ascii;
    boolean allAscii = label.chars().allMatch(c -> c < 0x80);
    if (allAscii) {
      ascii = label.toLowerCase(Locale.ROOT);
    } else {
      try {
        ascii = Idna.toAscii(label);
      } catch (Idna.IdnaException e) {
        throw new InvalidDomainNameException(input, "the label " + Text.quote(label, 63)
            + " is not a valid internationalised label: " + e.getMessage());
      }
    }
    if (ascii.isEmpty()) {
      throw new InvalidDomainNameException(input, "it contains an empty label");
    }
    if (ascii.length() > MAX_LABEL_LENGTH) {
      throw new InvalidDomainNameException(
          input, "the label \"" + Text.escape(abbreviate(ascii)) + "\" is " + ascii.length()
              + " octets long; the limit is " + MAX_LABEL_LENGTH);
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw new InvalidDomainNameException(
            input, "the label " + Text.quote(label, 63) + " contains the character '"
                + Text.escape(String.valueOf(c)) + "', which a host name cannot contain");
      }
    }
    if (ascii.startsWith("-") || ascii.endsWith("-")) {
      throw new InvalidDomainNameException(
          input, "the label " + Text.quote(label, 63) + " starts or ends with a hyphen");
    }
    if (ascii.startsWith(Idna.ACE_PREFIX)) {
      // BR 1.6.1 ("P-Label"): an xn-- label must be a valid IDNA 2008 A-label.
      try {
        Idna.toUnicode(ascii);
      } catch (Idna.IdnaException e) {
        throw new InvalidDomainNameException(input, "the label \"" + ascii
            + "\" is not a valid IDNA 2008 A-label: " + e.getMessage());
      }
    } else if (ascii.length() >= 4 && ascii.charAt(2) == '-' && ascii.charAt(3) == '-') {
      // RFC 5890 §2.3.1: "--" in the third and fourth positions is reserved for xn-- labels.
      throw new InvalidDomainNameException(input, "the label \"" + ascii + "\" has \"--\" in"
          + " the third and fourth positions, which is reserved (only xn-- A-labels may)");
    }
    return ascii;
  }

  private static String abbreviate(String s) {
    return s.length() <= 20 ? s : s.substring(0, 20) + "…";
  }

  /** The name in A-label form, lower case, without a trailing dot: {@code xn--bcher-kva.example}. */
  public String ascii() {
    return ascii;
  }

  /** The name with a trailing dot, as written in a zone file: {@code example.com.} */
  public String fqdn() {
    return ascii + ".";
  }

  /** The name with A-labels turned back into Unicode, for display: {@code bücher.example}. */
  public String unicode() {
    List<String> out = new ArrayList<>(labels.size());
    for (String l : labels) {
      out.add(Idna.displayForm(l));
    }
    return String.join(".", out);
  }

  /** The labels, leftmost first. */
  public List<String> labels() {
    return labels;
  }

  /** Number of labels. */
  public int labelCount() {
    return labels.size();
  }

  /** Whether the leftmost label is {@code *}. */
  public boolean isWildcard() {
    return labels.get(0).equals("*");
  }

  /** The name with a leading {@code *.} removed (the name CAA is looked up at, RFC 8659 §3). */
  public DomainName withoutWildcard() {
    return isWildcard() ? suffix(1) : this;
  }

  /**
   * Whether every label is a host-name label (letters, digits, hyphens; no underscore, no
   * wildcard): what a certificate's dNSName may hold, besides a leading wildcard.
   */
  public boolean isHostname() {
    for (String l : withoutWildcard().labels) {
      if (l.indexOf('_') >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The name from label {@code from} on: {@code 0} is this name, {@code 1} drops the leftmost
   * label ({@code www.example.com} gives {@code example.com}). No parsing again: every suffix of a
   * valid name is valid.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from < }{@link #labels()}{@code .size()}
   */
  public DomainName suffix(int from) {
    if (from == 0) {
      return this;
    }
    if (from < 0 || from >= labels.size()) {
      throw new IndexOutOfBoundsException(from);
    }
    return new DomainName(new ArrayList<>(labels.subList(from, labels.size())),
        asciiFrom(from));
  }

  /** The A-label form from label {@code from} on. */
  String asciiFrom(int from) {
    int offset = 0;
    for (int i = 0; i < from; i++) {
      offset += labels.get(i).length() + 1;
    }
    return ascii.substring(offset);
  }

  /** The leftmost label. */
  public String firstLabel() {
    return labels.get(0);
  }

  /** The rightmost label (the top-level domain). */
  public String topLevelLabel() {
    return labels.get(labels.size() - 1);
  }

  /** The name one label up, or empty for a top-level name. */
  public Optional<DomainName> parent() {
    if (labels.size() <= 1) {
      return Optional.empty();
    }
    return Optional.of(suffix(1));
  }

  /**
   * This name with {@code label} prepended, e.g. {@code _dnsauth} + {@code example.com}.
   *
   * @throws InvalidDomainNameException if the label is not valid or the result is too long
   */
  public DomainName child(String label) {
    return parse(label + "." + ascii);
  }

  /** Whether this name equals {@code other} or lies under it. */
  public boolean isSubdomainOf(DomainName other) {
    int offset = labels.size() - other.labels.size();
    return offset >= 0 && labels.subList(offset, labels.size()).equals(other.labels);
  }

  @Override
  public int compareTo(DomainName o) {
    return ascii.compareTo(o.ascii);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DomainName && ((DomainName) o).ascii.equals(ascii);
  }

  @Override
  public int hashCode() {
    return ascii.hashCode();
  }

  /** The {@linkplain #ascii() A-label form}. */
  @Override
  public String toString() {
    return ascii;
  }
}
