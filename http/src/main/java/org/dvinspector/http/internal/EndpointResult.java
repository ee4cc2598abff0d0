package org.dvinspector.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.jspecify.annotations.Nullable;

/**
 * How the CA's fetch from one starting endpoint (scheme × address) ends, after redirects: passes,
 * or fails with one finding code and a reason. Everything textual is already escaped.
 */
final class EndpointResult {
  final String scheme;
  final InetAddress address;
  final Perspective perspective;
  /** Null when the fetch passes. */
  final @Nullable FindingCode failure;
  /** One escaped line: what happened, naming the URL. */
  final String reason;
  /** What this endpoint served, for comparing endpoints ("passes", "404", a body...). */
  final String signature;
  /** The first connection was never established (a CA falls back from IPv6 to IPv4 then). */
  final boolean connectFailed;
  /** The failure is a timeout cut short by the inspection deadline, not the CA's own timeout. */
  final boolean cutByDeadline;
  /** The failure is a limit of the inspector's own client: the CA's outcome is unknown. */
  final boolean inspectorLimit;
  /** Whether the first connection got any HTTP response. */
  final boolean responded;
  final Map<String, String> attributes;
  final List<String> tlsProblems;
  /** Remarks that do not fail the endpoint (several Location headers, skipped addresses). */
  final List<Note> notes;
  final List<CdnDetector.Cdn> cdns;

  private EndpointResult(Builder b) {
    this.scheme = b.scheme;
    this.address = b.address;
    this.perspective = b.perspective;
    this.failure = b.failure;
    this.reason = b.reason;
    this.signature = b.signature;
    this.connectFailed = b.connectFailed;
    this.cutByDeadline = b.cutByDeadline;
    this.inspectorLimit = b.inspectorLimit;
    this.responded = b.responded;
    this.attributes = Map.copyOf(b.attributes);
    this.tlsProblems = List.copyOf(b.tlsProblems);
    this.notes = List.copyOf(b.notes);
    this.cdns = List.copyOf(b.cdns);
  }

  boolean passes() {
    return failure == null;
  }

  /**
   * Whether the failure says nothing about the CA's outcome: our deadline or a limit of our own
   * client ended it, not the domain's server.
   */
  boolean undecided() {
    return failure != null && (cutByDeadline || inspectorLimit);
  }

  boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** Label of the starting endpoint: {@code https [192.0.2.1]}. */
  String endpoint() {
    return scheme + " [" + address.getHostAddress() + "]";
  }

  /** A remark that fails nothing: the finding code it is reported under and an escaped text. */
  record Note(FindingCode code, String text) {}

  static Builder builder(String scheme, InetAddress address, Perspective perspective) {
    return new Builder(scheme, address, perspective);
  }

  /** Collects one endpoint's chain as it is followed. */
  static final class Builder {
    final String scheme;
    final InetAddress address;
    final Perspective perspective;
    @Nullable FindingCode failure;
    String reason = "";
    String signature = "";
    boolean connectFailed;
    boolean cutByDeadline;
    boolean inspectorLimit;
    boolean responded;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<String> tlsProblems = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<CdnDetector.Cdn> cdns = new ArrayList<>();

    Builder(String scheme, InetAddress address, Perspective perspective) {
      this.scheme = scheme;
      this.address = address;
      this.perspective = perspective;
    }

    Builder fail(FindingCode code, String reason, String signature) {
      this.failure = code;
      this.reason = reason;
      this.signature = signature;
      return this;
    }

    Builder pass(String reason) {
      this.failure = null;
      this.reason = reason;
      this.signature = "passes";
      return this;
    }

    Builder attribute(String key, Object value) {
      attributes.put(key, String.valueOf(value));
      return this;
    }

    EndpointResult build() {
      return new EndpointResult(this);
    }
  }
}
