package org.dvinspector.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dvinspector.CheckCorroboration;
import org.dvinspector.CheckResult;
import org.dvinspector.Corroboration;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;

/**
 * The remote perspectives' part of the JSON report ({@code perspectives} and {@code
 * corroboration} in report.schema.json): written only when remote perspectives were used, so
 * reports without them are unchanged.
 */
final class PerspectivesJson {
  private PerspectivesJson() {}

  /** Adds {@code perspectives} and {@code corroboration} to {@code root} when there are any. */
  static void put(ObjectNode root, InspectionReport report) {
    if (report.perspectiveOutcomes().isEmpty()) {
      return;
    }
    ArrayNode perspectives = root.putArray("perspectives");
    for (PerspectiveOutcome o : report.perspectiveOutcomes()) {
      ObjectNode n = perspectives.addObject();
      n.put("name", o.name());
      n.set("perspective", ReportJson.perspective(o.perspective()));
      if (o.rir().isPresent()) {
        n.put("rir", o.rir().get().displayName());
      } else {
        n.putNull("rir");
      }
      n.put("verdict", o.verdict().name());
      if (o.failure().isPresent()) {
        n.put("failure", o.failure().get());
      } else {
        n.putNull("failure");
      }
      ArrayNode checks = n.putArray("checks");
      for (CheckResult r : o.checkResults()) {
        ObjectNode c = checks.addObject();
        c.put("kind", r.check().kind());
        c.put("status", r.status().name());
        c.put("durationMillis", Math.round(r.duration().toNanos() / 1000.0) / 1000.0);
      }
      ArrayNode findings = n.putArray("findings");
      for (Finding f : o.findings()) {
        findings.add(ReportJson.finding(f));
      }
    }
    report.corroboration().ifPresent(c -> root.set("corroboration", corroboration(c)));
  }

  private static ObjectNode corroboration(Corroboration c) {
    ObjectNode n = ReportJson.mapper().createObjectNode();
    QuorumPolicy p = c.policy();
    ObjectNode policy = n.putObject("policy");
    policy.put("minRemotePerspectives", p.minRemotePerspectives());
    policy.put("minCorroboratingRirs", p.minCorroboratingRirs());
    policy.put("enforced", p.enforced());
    policy.put("basis", p.basis());
    n.put("quorumMet", c.quorumMet());
    n.put("quorumUndecided", c.quorumUndecided());
    ArrayNode checks = n.putArray("checks");
    for (CheckCorroboration cc : c.checks()) {
      ObjectNode x = checks.addObject();
      x.put("kind", cc.check().kind());
      x.put("primaryStatus", cc.primaryStatus().name());
      x.put("remotePerspectives", cc.remotePerspectives());
      cc.corroborating().forEach(x.putArray("corroborating")::add);
      cc.nonCorroborating().forEach(x.putArray("nonCorroborating")::add);
      ArrayNode rirs = x.putArray("corroboratingRirs");
      for (Rir r : cc.corroboratingRirs()) {
        rirs.add(r.displayName());
      }
      x.put("allowedNonCorroborations", cc.allowedNonCorroborations());
      x.put("evaluated", cc.evaluated());
      x.put("quorumMet", cc.quorumMet());
      x.put("undecided", cc.undecided());
      x.put("disagreement", cc.disagreement());
    }
    return n;
  }
}
