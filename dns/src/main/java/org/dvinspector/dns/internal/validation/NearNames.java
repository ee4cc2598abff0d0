package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvinspector.DomainName;

/**
 * The names a validation record is often put at by mistake, instead of the name the CA queries:
 * the domain itself without the label, the zone name appended twice by a panel that appends it
 * already, {@code www} and the bare domain mixed up, the label without its underscore, and the
 * label under a parent name or in the zone above.
 */
public final class NearNames {
  private NearNames() {}

  /** Most names probed for one record. */
  public static final int MAX = 10;

  /** A kind of mistake. */
  public enum Mistake {
    /** The record is at the domain itself, without the label ({@code example.com}). */
    APEX_INSTEAD_OF_LABEL("apex-instead-of-label"),
    /** The full name was typed where the panel appends the zone ({@code _x.a.com.a.com}). */
    ZONE_APPENDED_TWICE("zone-appended-twice"),
    /** {@code www} and the bare domain were mixed up. */
    WWW_VS_APEX("www-vs-apex"),
    /** The label lacks its leading underscore ({@code dnsauth.example.com}). */
    MISSING_UNDERSCORE("missing-underscore"),
    /** The label sits under a parent name of the domain, in the same zone. */
    PARENT_NAME("parent-name"),
    /** The label sits under a parent name that belongs to another zone. */
    OTHER_ZONE("other-zone"),
    /**
     * A label of two labels was entered in part: dns-account-01's {@code _<account>._acme-challenge}
     * without the account label (dns-01's name) or without {@code ._acme-challenge}.
     */
    LABEL_INCOMPLETE("label-incomplete");

    private final String label;

    Mistake(String label) {
      this.label = label;
    }

    /** The stable label used in the finding's {@code mistake} attribute. */
    public String label() {
      return label;
    }
  }

  /** One name to probe, the mistake it would reveal, and that mistake in words. */
  public record Candidate(DomainName name, Mistake mistake, String explanation) {}

  /**
   * The near names for the record {@code label.domain} (or {@code domain} when there is no
   * label) in {@code zone}, most likely first, without the record name itself.
   *
   * @param domain the certificate name without a leading {@code *.}
   */
  public static List<Candidate> of(DomainName domain, Optional<String> label, DomainName zone) {
    DomainName record = label.map(domain::child).orElse(domain);
    Map<DomainName, Candidate> out = new LinkedHashMap<>();
    int dot = label.map(l -> l.indexOf('.')).orElse(-1);
    if (label.isPresent() && dot > 0 && dot < label.get().length() - 1) {
      String first = label.get().substring(0, dot);
      String rest = label.get().substring(dot + 1);
      add(out, parse(rest + "." + domain.ascii()), Mistake.LABEL_INCOMPLETE,
          rest.equals("_acme-challenge")
              ? "where dns-01 looks, without the account label " + first
              : "without the first label " + first);
      add(out, parse(first + "." + domain.ascii()), Mistake.LABEL_INCOMPLETE,
          "without the label " + rest + " after " + first);
    }
    if (label.isPresent()) {
      add(out, Optional.of(domain), Mistake.APEX_INSTEAD_OF_LABEL,
          "at the name itself, without the " + label.get() + " label");
    }
    add(out, parse(record.ascii() + "." + zone.ascii()), Mistake.ZONE_APPENDED_TWICE,
        "the full name was entered in a DNS panel that appends the zone name " + zone
            + " itself");
    if (label.isPresent() && label.get().startsWith("_") && label.get().length() > 1) {
      String bare = label.get().substring(1);
      add(out, parse(bare + "." + domain.ascii()), Mistake.MISSING_UNDERSCORE,
          "the label lacks its leading underscore");
    }
    Optional<DomainName> other = wwwCounterpart(domain);
    if (other.isPresent()) {
      DomainName o = other.get();
      Optional<DomainName> at = label.isPresent() ? parse(label.get() + "." + o.ascii())
          : Optional.of(o);
      String why = domain.firstLabel().equals("www")
          ? "under the bare domain " + o + " instead of under " + domain
          : "under " + o + " instead of under the bare domain " + domain;
      add(out, at, Mistake.WWW_VS_APEX, why);
    }
    if (label.isPresent()) {
      Optional<DomainName> p = domain.parent();
      while (p.isPresent() && p.get().labelCount() >= 2) {
        DomainName parent = p.get();
        boolean inZone = parent.isSubdomainOf(zone);
        add(out, parse(label.get() + "." + parent.ascii()),
            inZone ? Mistake.PARENT_NAME : Mistake.OTHER_ZONE,
            "under " + parent + " instead of under " + domain
                + (inZone ? "" : ", in another zone than " + zone));
        p = parent.parent();
      }
    }
    out.remove(record);
    List<Candidate> list = new ArrayList<>(out.values());
    return list.size() > MAX ? list.subList(0, MAX) : list;
  }

  private static Optional<DomainName> wwwCounterpart(DomainName domain) {
    if (domain.firstLabel().equals("www") && domain.labelCount() > 2) {
      return domain.parent();
    }
    return parse("www." + domain.ascii());
  }

  private static void add(
      Map<DomainName, Candidate> out, Optional<DomainName> name, Mistake m, String why) {
    name.ifPresent(n -> out.putIfAbsent(n, new Candidate(n, m, why)));
  }

  private static Optional<DomainName> parse(String s) {
    return DomainName.tryParse(s);
  }
}
