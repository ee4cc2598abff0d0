package org.dvinspector.remote;

/**
 * The names of the {@code dvi agent} protocol (see {@code remote/PROTOCOL.md}): its version, its
 * paths and its authentication scheme. A client and an agent talk when they share the version.
 */
public final class AgentProtocol {
  private AgentProtocol() {}

  /**
   * The protocol version this release speaks. It changes when a field is removed or changes
   * meaning; new optional fields keep it.
   */
  public static final int VERSION = 1;

  /** {@code POST}: run an inspection, answer with its report. */
  public static final String INSPECT_PATH = "/v1/inspect";

  /** {@code GET}: the agent's region, registry and limits. */
  public static final String INFO_PATH = "/v1/agent";

  /** {@code GET}, no key needed: {@code 200 ok} while the agent runs (liveness probes). */
  public static final String HEALTH_PATH = "/healthz";

  /** The port agents listen on unless told otherwise. */
  public static final int DEFAULT_PORT = 8453;

  /** The HTTP authentication scheme that carries the shared key (RFC 6750 syntax). */
  public static final String AUTH_SCHEME = "Bearer";
}
