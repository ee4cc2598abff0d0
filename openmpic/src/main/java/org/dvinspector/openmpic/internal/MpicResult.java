package org.dvinspector.openmpic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvinspector.spi.Text;

/**
 * The coordinator's answer to one call ({@code DCVResponse} or {@code CAAResponse} of the Open
 * MPIC APIv2): its own verdict and each perspective's check response. Read strictly: a field the
 * schema requires that is missing or mistyped is an {@link MpicFormatException}.
 */
public final class MpicResult {
  /** One error a perspective reports ({@code error_type}, {@code error_message}). */
  public static final class MpicError {
    /** E.g. {@code mpic_error:dcv_checker:lookup}. */
    public final String type;
    /** The engine's message (raw: escape before showing). */
    public final String message;

    MpicError(String type, String message) {
      this.type = type;
      this.message = message;
    }

    @Override
    public String toString() {
      return Text.escape(type) + ": " + Text.escape(message);
    }
  }

  /** One perspective's check response. */
  public static final class PerspectiveResult {
    /** The engine's perspective code, e.g. {@code us-east-2}. */
    public final String code;
    /** {@code check_passed}. */
    public final boolean passed;
    /** {@code check_completed}: false when the check could not be carried out. */
    public final boolean completed;
    /** {@code errors}. */
    public final List<MpicError> errors;
    /** {@code details} (an object; empty when the engine sent none). */
    public final JsonNode details;

    PerspectiveResult(String code, boolean passed, boolean completed, List<MpicError> errors,
        JsonNode details) {
      this.code = code;
      this.passed = passed;
      this.completed = completed;
      this.errors = List.copyOf(errors);
      this.details = details;
    }
  }

  /** {@code is_valid}: the coordinator's own corroboration verdict. */
  public final boolean isValid;
  /** {@code mpic_completed}, when sent. */
  public final Optional<Boolean> mpicCompleted;
  /** {@code actual_orchestration_parameters.perspective_count}, when sent. */
  public final Optional<Integer> perspectiveCount;
  /** {@code actual_orchestration_parameters.quorum_count}, when sent. */
  public final Optional<Integer> quorumCount;
  /** {@code actual_orchestration_parameters.attempt_count}, when sent. */
  public final Optional<Integer> attemptCount;
  /** The perspectives of the final attempt, by code, in the engine's order. */
  public final Map<String, PerspectiveResult> perspectives;

  private MpicResult(boolean isValid, Optional<Boolean> mpicCompleted,
      Optional<Integer> perspectiveCount, Optional<Integer> quorumCount,
      Optional<Integer> attemptCount, Map<String, PerspectiveResult> perspectives) {
    this.isValid = isValid;
    this.mpicCompleted = mpicCompleted;
    this.perspectiveCount = perspectiveCount;
    this.quorumCount = quorumCount;
    this.attemptCount = attemptCount;
    this.perspectives = perspectives;
  }

  /**
   * Reads a {@code 200} body for a call of {@code checkType} ({@code dcv} or {@code caa}) about
   * {@code target}.
   *
   * @throws MpicFormatException if it does not follow the schema
   */
  public static MpicResult parse(byte[] body, String checkType, String target)
      throws MpicFormatException {
    JsonNode n = Json.parse(body);
    String type = Json.text(n, "check_type", "");
    if (!type.equals(checkType)) {
      throw new MpicFormatException("check_type: the reply is for \"" + Text.escape(type)
          + "\", the request for \"" + checkType + "\"");
    }
    Optional<String> answered = Json.optText(n, "domain_or_ip_target", "");
    if (answered.isPresent() && !answered.get().equalsIgnoreCase(target)) {
      // A reply for another name (a confused proxy or cache) must not count for this one.
      throw new MpicFormatException("domain_or_ip_target: the reply is for \""
          + Text.escape(answered.get()) + "\", the request for \"" + target + "\"");
    }
    boolean valid = Json.bool(n, "is_valid", "");
    Optional<Boolean> completed = Json.optBool(n, "mpic_completed", "");
    Optional<Integer> count = Optional.empty();
    Optional<Integer> quorum = Optional.empty();
    Optional<Integer> attempts = Optional.empty();
    JsonNode actual = n.get("actual_orchestration_parameters");
    if (actual != null && !actual.isNull()) {
      if (!actual.isObject()) {
        throw new MpicFormatException("actual_orchestration_parameters: expected an object");
      }
      String w = "actual_orchestration_parameters.";
      count = Json.optInt(actual, "perspective_count", w);
      quorum = Json.optInt(actual, "quorum_count", w);
      attempts = Json.optInt(actual, "attempt_count", w);
    }
    JsonNode list = n.get("perspectives");
    if (list == null || !list.isArray()) {
      throw new MpicFormatException("perspectives: expected an array");
    }
    Map<String, PerspectiveResult> perspectives = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String w = "perspectives[" + i + "].";
      JsonNode item = list.get(i);
      if (!item.isObject()) {
        throw new MpicFormatException("perspectives[" + i + "]: expected an object");
      }
      String code = Json.text(item, "perspective_code", w);
      JsonNode response = item.get("check_response");
      String rw = w + "check_response.";
      if (response == null && item.has("check_passed")) {
        // The specification's own example lists the check response's fields beside the
        // perspective code; the schema (and the reference coordinator) nests them.
        response = item;
        rw = w;
      }
      if (response == null || !response.isObject()) {
        throw new MpicFormatException(w + "check_response: expected an object");
      }
      Optional<String> responseType = Json.optText(response, "check_type", rw);
      if (responseType.isPresent() && !responseType.get().equals(checkType)) {
        throw new MpicFormatException(rw + "check_type: \"" + Text.escape(responseType.get())
            + "\" in a " + checkType + " reply");
      }
      List<MpicError> errors = new ArrayList<>();
      JsonNode es = response.get("errors");
      if (es != null && !es.isNull()) {
        if (!es.isArray()) {
          throw new MpicFormatException(rw + "errors: expected an array or null");
        }
        for (int j = 0; j < es.size(); j++) {
          JsonNode e = es.get(j);
          String ew = rw + "errors[" + j + "].";
          if (!e.isObject()) {
            throw new MpicFormatException(rw + "errors[" + j + "]: expected an object");
          }
          errors.add(new MpicError(Json.optText(e, "error_type", ew).orElse(""),
              Json.optText(e, "error_message", ew).orElse("")));
        }
      }
      JsonNode details = response.get("details");
      if (details != null && !details.isNull() && !details.isObject()) {
        throw new MpicFormatException(rw + "details: expected an object");
      }
      PerspectiveResult r = new PerspectiveResult(code,
          Json.bool(response, "check_passed", rw),
          Json.bool(response, "check_completed", rw),
          errors,
          details == null || details.isNull() ? NullNode.getInstance() : details);
      if (perspectives.put(code, r) != null) {
        throw new MpicFormatException(w + "perspective_code: \"" + Text.escape(code)
            + "\" appears twice");
      }
    }
    return new MpicResult(valid, completed, count, quorum, attempts, perspectives);
  }
}
