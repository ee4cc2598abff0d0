package org.dvinspector.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.Check;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * How many perspectives see the expected value: for each method check, the perspectives (resolver,
 * each authoritative server address, each HTTP endpoint, remote agents) that were asked the
 * check's own question, and how many of them answered with the expected value. The watch mode
 * shows this count ("3/4 perspectives see the expected value") so "wait a moment" has a number.
 */
final class Visibility {
  private final int seeing;
  private final int asked;

  private Visibility(int seeing, int asked) {
    this.seeing = seeing;
    this.asked = asked;
  }

  /** Perspectives that saw the expected value. */
  int seeing() {
    return seeing;
  }

  /** Perspectives that were asked the checks' questions. */
  int asked() {
    return asked;
  }

  /** Counts over every method check of the report (CAA has no expected value and is skipped). */
  static Visibility of(InspectionReport report) {
    int seeing = 0;
    int asked = 0;
    for (Check check : report.request().checks()) {
      Target target = target(check, report);
      if (target == null) {
        continue;
      }
      // One entry per perspective: whether any of its answers to this question held the value.
      Map<String, Boolean> perPerspective = new LinkedHashMap<>();
      for (Observation o : report.observations()) {
        // Referrals lead to the zone (the root, the TLD): they are not views of the record.
        if (o.perspective().kind() == Perspective.Kind.INSPECTOR || !target.asks(o.query())
            || o.outcome() == Observation.Outcome.REFERRAL) {
          continue;
        }
        boolean sees = o.outcome() == Observation.Outcome.ANSWER && target.holds(o.result());
        perPerspective.merge(o.perspective().label(), sees, Boolean::logicalOr);
      }
      asked += perPerspective.size();
      for (boolean b : perPerspective.values()) {
        if (b) {
          seeing++;
        }
      }
    }
    return new Visibility(seeing, asked);
  }

  /** {@code 3/4 perspectives see the expected value}. */
  String describe() {
    if (asked == 0) {
      return "no perspective answered yet";
    }
    return seeing + "/" + asked + " perspectives see the expected value";
  }

  private static @Nullable Target target(Check check, InspectionReport report) {
    if (check instanceof DnsTxtCheck) {
      DnsTxtCheck c = (DnsTxtCheck) check;
      return Target.dns("TXT", c.recordName(report.domain()).ascii(), c.expectedValue(), false);
    }
    if (check instanceof AcmeDns01Check) {
      AcmeDns01Check c = (AcmeDns01Check) check;
      return Target.dns("TXT", c.recordName(report.domain()).ascii(), c.expectedValue(), false);
    }
    if (check instanceof DnsCnameCheck) {
      DnsCnameCheck c = (DnsCnameCheck) check;
      return Target.dns("CNAME", c.recordName(report.domain()).ascii(), c.expectedTarget().ascii(), true);
    }
    if (check instanceof HttpFileCheck) {
      HttpFileCheck c = (HttpFileCheck) check;
      return Target.http(c.resolvePath(report.request().profile()), c.expectedContent());
    }
    if (check instanceof AcmeHttp01Check) {
      AcmeHttp01Check c = (AcmeHttp01Check) check;
      return Target.http(c.path(), c.keyAuthorization());
    }
    return null;
  }

  /** A check's question (a DNS name or a URL path) and its expected value. */
  private static final class Target {
    private final @Nullable String type;
    private final @Nullable String name;
    private final @Nullable String path;
    private final String expected;
    private final boolean ignoreCase;

    private Target(@Nullable String type, @Nullable String name, @Nullable String path,
        String expected, boolean ignoreCase) {
      this.type = type;
      this.name = name;
      this.path = path;
      this.ignoreCase = ignoreCase;
      String e = Text.escape(expected);
      this.expected = ignoreCase ? e.toLowerCase(Locale.ROOT) : e;
    }

    /**
     * A DNS question of {@code type} about {@code name}; names compare without case, record
     * values (TXT) with case.
     */
    static Target dns(String type, String name, String expected, boolean expectedIsName) {
      return new Target(type, name.toLowerCase(Locale.ROOT), null, expected, expectedIsName);
    }

    static Target http(String path, String expected) {
      return new Target(null, null, path, expected, false);
    }

    /**
     * Whether the query asks this question: the record type and the name among its words (not
     * the NS questions of zone discovery), or a URL with the path.
     */
    boolean asks(String query) {
      String[] words = query.split("\\s+");
      if (name != null && type != null) {
        boolean typeSeen = false;
        boolean nameSeen = false;
        for (String word : words) {
          typeSeen |= word.equalsIgnoreCase(type);
          nameSeen |= stripDot(word.toLowerCase(Locale.ROOT)).equals(name);
        }
        return typeSeen && nameSeen;
      }
      for (String word : words) {
        String w = word.toLowerCase(Locale.ROOT);
        if (path != null && (w.startsWith("http://") || w.startsWith("https://"))) {
          try {
            if (path.equals(new URI(word).getRawPath())) {
              return true;
            }
          } catch (URISyntaxException e) {
            // Not a URL after all.
          }
        }
      }
      return false;
    }

    /** Whether an (escaped) result holds the expected value. */
    boolean holds(String result) {
      return (ignoreCase ? result.toLowerCase(Locale.ROOT) : result).contains(expected);
    }

    private static String stripDot(String w) {
      return w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
    }
  }
}
