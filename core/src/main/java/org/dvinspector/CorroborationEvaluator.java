package org.dvinspector;


import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Predicts a CA's multi-perspective issuance corroboration (BR 3.2.2.9) from the outcome at the
 * primary perspective (this inspector) and at each remote perspective.
 *
 * <p>For every check that passes at the primary perspective, a remote perspective corroborates it
 * when the same check passes there too; a failure, an undecided result, or no answer at all is a
 * non-corroboration. The quorum is met when the non-corroborations are no more than the BR's
 * "Quorum Requirements" table allows for the number of remote perspectives (2-5: 1, 6 or more: 2)
 * and, when the policy asks for it, the corroborating perspectives lie in enough distinct
 * Regional Internet Registries. The BR ask for the quorum for domain validation and for CAA
 * separately; each check (a DNS or HTTP method, CAA) is judged on its own.
 *
 * <p>The remote perspectives supplied stand in for the CA's. When they are fewer than the CA uses,
 * or span fewer registries than the policy needs, the prediction covers only the perspectives
 * supplied ({@link FindingCode#PERSPECTIVES_INSUFFICIENT}, INFO) and the registry rule is not
 * applied, since the supplied set could never satisfy it whatever the domain does.
 *
 * <p>A remote perspective that gave no answer, or could not decide, does not corroborate. When
 * the quorum fails only because of such perspectives (it would be met had they corroborated), the
 * prediction is {@linkplain CheckCorroboration#undecided() undecided} ({@link
 * FindingCode#QUORUM_UNDECIDED}, WARNING) rather than failed: that is the inspector's own trouble,
 * not the domain's.
 */
public final class CorroborationEvaluator {
  private CorroborationEvaluator() {}

  /** Evaluates the quorum for the primary inspection's report. */
  public static Corroboration evaluate(
      InspectionReport primary, List<PerspectiveOutcome> remotes, QuorumPolicy policy) {
    return evaluate(primary.checkResults(), primary.findings(), remotes, policy);
  }

  /**
   * Evaluates the quorum for the primary perspective's check results (and the findings that
   * explain them, used as evidence).
   *
   * @throws IllegalArgumentException if two remote perspectives have the same name
   */
  public static Corroboration evaluate(
      List<CheckResult> primary, List<Finding> primaryFindings, List<PerspectiveOutcome> remotes,
      QuorumPolicy policy) {
    Set<String> names = new HashSet<>();
    Set<Rir> allRirs = EnumSet.noneOf(Rir.class);
    for (PerspectiveOutcome r : remotes) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException(
            "Two remote perspectives are named \"" + Text.escape(r.name()) + "\"");
      }
      r.rir().ifPresent(allRirs::add);
    }
    int n = remotes.size();
    boolean rirRuleApplies = policy.minCorroboratingRirs() > 0
        && allRirs.size() >= policy.minCorroboratingRirs();
    Corroboration.Builder out = Corroboration.builder().policy(policy);
    if (n == 0) {
      for (CheckResult p : primary) {
        out.addChecks(CheckCorroboration.builder().check(p.check()).primaryStatus(p.status())
            .remotePerspectives(0).allowedNonCorroborations(0).evaluated(false).quorumMet(true)
            .disagreement(false).build());
      }
      return out.build();
    }
    if (n < policy.minRemotePerspectives() || allRirs.size() < policy.minCorroboratingRirs()) {
      out.addFindings(Finding.builder(FindingCode.PERSPECTIVES_INSUFFICIENT)
          .message(n + " remote perspective" + (n == 1 ? "" : "s") + " in " + allRirs.size()
              + " regional internet registr" + (allRirs.size() == 1 ? "y were" : "ies were")
              + " supplied; the CA uses at least " + policy.minRemotePerspectives()
              + (policy.minCorroboratingRirs() > 0
                  ? " in " + policy.minCorroboratingRirs() + " registries" : "")
              + " (" + policy.basis() + "), so the quorum prediction covers only these")
          .remedy("Add remote perspectives in other regions to predict the CA's quorum fully.")
          .evidence(Perspective.inspector(), "remote perspectives: " + names(remotes))
          .attribute("remotePerspectives", n)
          .attribute("registries", allRirs.size())
          .build());
    }
    int allowed = QuorumPolicy.allowedNonCorroborations(n);
    for (CheckResult p : primary) {
      Check check = p.check();
      List<PerspectiveOutcome> yes = new ArrayList<>();
      List<PerspectiveOutcome> no = new ArrayList<>();
      Set<Rir> rirs = EnumSet.noneOf(Rir.class);
      boolean disagreement = false;
      for (PerspectiveOutcome r : remotes) {
        CheckResult.Status s = r.statusOf(check);
        if (s != p.status()) {
          disagreement = true;
        }
        if (s == CheckResult.Status.PASSED) {
          yes.add(r);
          r.rir().ifPresent(rirs::add);
        } else {
          no.add(r);
        }
      }
      boolean evaluated = p.status() == CheckResult.Status.PASSED;
      boolean countOk = no.size() <= allowed;
      boolean rirOk = !rirRuleApplies || rirs.size() >= policy.minCorroboratingRirs();
      boolean met = !evaluated || (countOk && rirOk);
      // A perspective that gave no answer (or could not decide) is the inspector's own trouble:
      // when only such perspectives stand between the answers and the quorum, the quorum is
      // undecided rather than failed (the verdict is then UNKNOWN, never NOT_READY).
      List<PerspectiveOutcome> unanswered = new ArrayList<>();
      Set<Rir> hopefulRirs = EnumSet.noneOf(Rir.class);
      hopefulRirs.addAll(rirs);
      for (PerspectiveOutcome r : no) {
        if (r.statusOf(check) == CheckResult.Status.UNDECIDED) {
          unanswered.add(r);
          r.rir().ifPresent(hopefulRirs::add);
        }
      }
      boolean undecided = evaluated && !met && !unanswered.isEmpty()
          && no.size() - unanswered.size() <= allowed
          && (!rirRuleApplies || hopefulRirs.size() >= policy.minCorroboratingRirs());
      out.addChecks(CheckCorroboration.builder()
          .check(check)
          .primaryStatus(p.status())
          .remotePerspectives(n)
          .corroborating(yes.stream().map(PerspectiveOutcome::name).toList())
          .nonCorroborating(no.stream().map(PerspectiveOutcome::name).toList())
          .corroboratingRirs(rirs)
          .allowedNonCorroborations(allowed)
          .evaluated(evaluated)
          .quorumMet(met)
          .undecided(undecided)
          .disagreement(disagreement)
          .build());
      if (undecided) {
        out.addFindings(quorumUndecided(check, p, primaryFindings, remotes, yes, unanswered,
            allowed, policy));
      } else if (evaluated && !met) {
        out.addFindings(quorumNotMet(check, p, primaryFindings, remotes, yes, no, rirs, allowed,
            countOk, policy));
      }
      if (disagreement) {
        out.addFindings(disagree(check, p, primaryFindings, remotes, yes, no, allowed, evaluated, met));
      }
    }
    return out.build();
  }

  private static Finding quorumNotMet(
      Check check, CheckResult primary, List<Finding> primaryFindings,
      List<PerspectiveOutcome> remotes, List<PerspectiveOutcome> yes, List<PerspectiveOutcome> no,
      Set<Rir> rirs, int allowed, boolean countOk, QuorumPolicy policy) {
    String what = "The " + check.kind() + " check passes from here";
    String why = countOk
        ? " and from " + yes.size() + " of " + remotes.size() + " remote perspectives, but those lie"
            + " in " + rirs.size() + " regional internet registr" + (rirs.size() == 1 ? "y" : "ies")
            + (rirs.isEmpty() ? "" : " (" + rirNames(rirs) + ")") + "; the CA needs corroboration"
            + " from " + policy.minCorroboratingRirs()
        : " but " + no.size() + " of " + remotes.size() + " remote perspectives ("
            + names(no) + ") do not see it pass; the CA tolerates " + allowed;
    Finding.Builder f = Finding.builder(FindingCode.QUORUM_NOT_MET)
        .message(what + why + " (" + policy.basis() + ")")
        .remedy("Make the record or file visible from everywhere: check geo-blocking, firewalls"
            + " and CDN or anycast nodes that serve other regions, and every authoritative"
            + " nameserver; then inspect again.")
        .attribute("remotePerspectives", remotes.size())
        .attribute("nonCorroborations", no.size())
        .attribute("allowedNonCorroborations", allowed)
        .attribute("corroboratingRegistries", rirs.size());
    if (!policy.enforced()) {
      f.severity(Severity.WARNING);
    }
    check.method().ifPresent(f::method);
    evidence(f, check, primary.status(), primaryFindings, remotes);
    return f.build();
  }

  private static Finding quorumUndecided(
      Check check, CheckResult primary, List<Finding> primaryFindings,
      List<PerspectiveOutcome> remotes, List<PerspectiveOutcome> yes,
      List<PerspectiveOutcome> unanswered, int allowed, QuorumPolicy policy) {
    Finding.Builder f = Finding.builder(FindingCode.QUORUM_UNDECIDED)
        .message("The " + check.kind() + " check passes from here and from " + yes.size() + " of "
            + remotes.size() + " remote perspectives, but " + unanswered.size() + " ("
            + names(unanswered) + ") gave no answer, so whether the CA's quorum would be met"
            + " cannot be told; the CA tolerates " + allowed + " (" + policy.basis() + ")")
        .remedy("Bring the remote perspectives that gave no answer back (see"
            + " REMOTE_PERSPECTIVE_FAILED), then inspect again.")
        .attribute("remotePerspectives", remotes.size())
        .attribute("unanswered", unanswered.size())
        .attribute("allowedNonCorroborations", allowed);
    check.method().ifPresent(f::method);
    evidence(f, check, primary.status(), primaryFindings, remotes);
    return f.build();
  }

  private static Finding disagree(
      Check check, CheckResult primary, List<Finding> primaryFindings,
      List<PerspectiveOutcome> remotes, List<PerspectiveOutcome> yes, List<PerspectiveOutcome> no,
      int allowed, boolean evaluated, boolean met) {
    String message;
    if (evaluated) {
      message = "The " + check.kind() + " check passes from here but not from " + no.size() + " of "
          + remotes.size() + " remote perspectives (" + names(no) + ")"
          + (met ? "; the CA tolerates " + allowed + ", so one more failure would fail validation"
              : "");
    } else {
      message = "The " + check.kind() + " check "
          + (primary.status() == CheckResult.Status.FAILED ? "fails" : "could not be decided")
          + " from here but passes from " + yes.size() + " of " + remotes.size() + " remote perspectives"
          + (yes.isEmpty() ? "" : " (" + names(yes) + ")")
          + ": the site or its DNS answers differently by location";
    }
    Finding.Builder f = Finding.builder(FindingCode.PERSPECTIVES_DISAGREE)
        .message(message)
        .remedy("Compare what each perspective saw (evidence) and make every region, address and"
            + " nameserver serve the same answer.")
        .attribute("agreeing", yes.size())
        .attribute("disagreeing", no.size());
    check.method().ifPresent(f::method);
    evidence(f, check, primary.status(), primaryFindings, remotes);
    return f.build();
  }

  private static void evidence(
      Finding.Builder f, Check check, CheckResult.Status primaryStatus, List<Finding> primaryFindings,
      List<PerspectiveOutcome> remotes) {
    f.evidence(Perspective.inspector(), "primary: " + status(primaryStatus)
        + reason(check, primaryFindings).map(r -> " - " + r).orElse(""));
    for (PerspectiveOutcome r : remotes) {
      CheckResult.Status s = r.statusOf(check);
      String detail;
      if (r.failure().isPresent()) {
        detail = "no answer - " + Text.escape(r.failure().get());
      } else {
        detail = status(s) + (s == CheckResult.Status.PASSED ? ""
            : reason(check, r.findings()).map(x -> " - " + x).orElse(""));
      }
      f.evidence(r.perspective(), detail);
    }
  }

  /** The first ERROR finding that explains {@code check}: same method, or a CAA finding for CAA. */
  private static Optional<String> reason(Check check, List<Finding> findings) {
    for (Finding x : findings) {
      if (x.severity() != Severity.ERROR) {
        continue;
      }
      boolean matches = check.method().isPresent()
          ? x.method().equals(check.method())
          : x.code().area() == FindingCode.Area.CAA;
      if (matches) {
        return Optional.of(x.code() + ": " + x.message());
      }
    }
    return Optional.empty();
  }

  private static String status(CheckResult.Status s) {
    return switch (s) {
      case PASSED -> "passed";
      case FAILED -> "failed";
      case UNDECIDED -> "undecided";
    };
  }

  private static String names(List<PerspectiveOutcome> list) {
    List<String> n = new ArrayList<>();
    for (PerspectiveOutcome p : list) {
      n.add(Text.escape(p.name()));
    }
    return String.join(", ", n);
  }

  private static String rirNames(Set<Rir> rirs) {
    List<String> n = new ArrayList<>();
    for (Rir r : rirs) {
      n.add(r.displayName());
    }
    return String.join(", ", n);
  }
}
