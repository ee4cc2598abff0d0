package org.dvinspector.policy;

import org.dvinspector.DomainName;

import org.dvinspector.spi.Text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ICANN section of the Public Suffix List (https://publicsuffix.org/): which names are public
 * suffixes ({@code com}, {@code co.uk}, {@code kawasaki.jp} under {@code *.kawasaki.jp}), and which
 * top-level domains exist in the public root zone.
 *
 * <p>The BR (3.2.2.6) tell CAs to refuse a wildcard directly over a "registry-controlled" name or
 * public suffix and recommend consulting the PSL's ICANN section only; the private section
 * ({@code github.io}, ...) is not used here. The BR (4.2.2) also forbid Internal Names: names whose
 * top-level domain is not in IANA's root zone. The PSL's ICANN section lists every delegated TLD,
 * so it answers both questions from one maintained source.
 *
 * <p>{@link #icann()} is the copy shipped with this library (see {@link #version()}); {@code
 * scripts/update-psl.sh} refreshes it from the Debian {@code publicsuffix} package. A host that
 * wants a fresher list can {@linkplain #parse(Reader, String) parse} its own copy.
 *
 * <p>Rules follow the PSL algorithm: exception rules ({@code !www.ck}) win; otherwise the matching
 * rule with most labels prevails; a name matching no rule falls under the implicit {@code *} rule
 * (its TLD is the public suffix). Internationalised rules are converted to A-labels with the same
 * IDNA conversion {@link DomainName} uses.
 */
public final class PublicSuffixList {
  private static final String RESOURCE = "public_suffix_list.dat";
  private static final String VERSION_RESOURCE = "public_suffix_list.properties";

  private final Set<String> rules;
  private final Set<String> wildcards;
  private final Set<String> exceptions;
  private final Set<String> topLevelDomains;
  private final String version;

  private PublicSuffixList(
      Set<String> rules, Set<String> wildcards, Set<String> exceptions, Set<String> tlds,
      String version) {
    this.rules = rules;
    this.wildcards = wildcards;
    this.exceptions = exceptions;
    this.topLevelDomains = Collections.unmodifiableSet(new TreeSet<>(tlds));
    this.version = version;
  }

  /** The ICANN section of the copy shipped with this library, loaded once. */
  public static PublicSuffixList icann() {
    return Bundled.LIST;
  }

  private static final class Bundled {
    static final PublicSuffixList LIST = loadBundled();
  }

  private static PublicSuffixList loadBundled() {
    String version = "unknown";
    try (InputStream in = PublicSuffixList.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        version = p.getProperty("version", version);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled " + VERSION_RESOURCE, e);
    }
    InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("The bundled " + RESOURCE + " is missing from the jar");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r, version);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled " + RESOURCE, e);
    }
  }

  /**
   * Parses the ICANN section of a list in the PSL file format; the private section is ignored.
   *
   * @param version a label for the copy (e.g. its date), reported by {@link #version()}
   * @throws IllegalArgumentException if the text has no ICANN section or a rule cannot be read
   * @throws IOException if reading fails
   */
  public static PublicSuffixList parse(Reader text, String version) throws IOException {
    Set<String> rules = new HashSet<>();
    Set<String> wildcards = new HashSet<>();
    Set<String> exceptions = new HashSet<>();
    Set<String> tlds = new HashSet<>();
    boolean inIcann = false;
    boolean sawIcann = false;
    BufferedReader in = new BufferedReader(text);
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (line.contains("===BEGIN ICANN DOMAINS===")) {
        inIcann = true;
        sawIcann = true;
        continue;
      }
      if (line.contains("===END ICANN DOMAINS===")) {
        inIcann = false;
        continue;
      }
      // The format: one rule per line, up to the first whitespace; "//" starts a comment line.
      String rule = line.strip();
      int space = indexOfWhitespace(rule);
      if (space >= 0) {
        rule = rule.substring(0, space);
      }
      if (!inIcann || rule.isEmpty() || rule.startsWith("//")) {
        continue;
      }
      if (rule.startsWith("!")) {
        String name = ascii(rule.substring(1), lineNumber);
        exceptions.add(name);
        tlds.add(lastLabel(name));
      } else if (rule.startsWith("*.")) {
        String name = ascii(rule.substring(2), lineNumber);
        wildcards.add(name);
        tlds.add(lastLabel(name));
      } else {
        String name = ascii(rule, lineNumber);
        rules.add(name);
        tlds.add(lastLabel(name));
      }
    }
    if (!sawIcann) {
      throw new IllegalArgumentException(
          "The text has no \"===BEGIN ICANN DOMAINS===\" section; is it the Public Suffix List?");
    }
    return new PublicSuffixList(rules, wildcards, exceptions, tlds, version);
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String ascii(String rule, int line) {
    if (rule.isEmpty() || rule.contains("*")) {
      throw new IllegalArgumentException(
          "Public Suffix List line " + line + ": unsupported rule \"" + Text.escape(rule) + "\"");
    }
    try {
      return IDN.toASCII(rule, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Public Suffix List line " + line + ": rule \""
          + Text.escape(rule) + "\" is not a valid domain name (" + e.getMessage() + ")", e);
    }
  }

  private static String lastLabel(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Where this copy comes from and its date, e.g. {@code 20230209.2326 (Debian publicsuffix)}. */
  public String version() {
    return version;
  }

  /** Number of ICANN rules (normal, wildcard and exception). */
  public int ruleCount() {
    return rules.size() + wildcards.size() + exceptions.size();
  }

  /** The top-level domains of the ICANN section, in A-label form: the TLDs of the root zone. */
  public Set<String> topLevelDomains() {
    return topLevelDomains;
  }

  /**
   * Whether the name's top-level domain is in the public root zone; a name that is not is an
   * Internal Name, for which the BR (4.2.2) forbid issuance. A leading wildcard is ignored.
   */
  public boolean isInRootZone(DomainName name) {
    return topLevelDomains.contains(name.topLevelLabel());
  }

  /**
   * The public suffix of the name (a leading wildcard ignored): {@code co.uk} for {@code
   * www.example.co.uk}; for a TLD no rule lists, the TLD itself (the PSL's implicit {@code *}
   * rule).
   */
  public DomainName publicSuffix(DomainName name) {
    DomainName base = name.withoutWildcard();
    int n = base.labelCount();
    String[] suffixes = new String[n];
    String ascii = base.ascii();
    for (int i = 0, offset = 0; i < n; i++) {
      suffixes[i] = ascii.substring(offset);
      offset += base.labels().get(i).length() + 1;
    }
    // Exception rules prevail whatever their length: the suffix is the rule minus its first label.
    if (!exceptions.isEmpty()) {
      for (int i = 0; i < n; i++) {
        if (exceptions.contains(suffixes[i])) {
          return suffixFrom(base, i + 1);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (rules.contains(suffixes[i])) {
        return suffixFrom(base, i);
      }
      if (i + 1 < n && wildcards.contains(suffixes[i + 1])) {
        return suffixFrom(base, i);
      }
    }
    return suffixFrom(base, n - 1);
  }

  /** Whether the name (a leading wildcard ignored) is itself a public suffix. */
  public boolean isPublicSuffix(DomainName name) {
    DomainName base = name.withoutWildcard();
    return publicSuffix(base).equals(base);
  }

  /**
   * The registrable domain ("Base Domain Name" in the BR): the public suffix plus one label, e.g.
   * {@code example.co.uk}; empty when the name is itself a public suffix.
   */
  public Optional<DomainName> registrableDomain(DomainName name) {
    DomainName base = name.withoutWildcard();
    int suffixLabels = publicSuffix(base).labelCount();
    if (suffixLabels >= base.labelCount()) {
      return Optional.empty();
    }
    return Optional.of(suffixFrom(base, base.labelCount() - suffixLabels - 1));
  }

  private static DomainName suffixFrom(DomainName name, int index) {
    DomainName base = name.withoutWildcard();
    return base.suffix(Math.min(index, base.labelCount() - 1));
  }

  @Override
  public String toString() {
    return "PublicSuffixList[ICANN, " + ruleCount() + " rules, " + version + "]";
  }
}
