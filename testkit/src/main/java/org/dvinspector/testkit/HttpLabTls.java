package org.dvinspector.testkit;

/**
 * What an {@link HttpLabEndpoint} answers on its "port 443": TLS with a good or a deliberately
 * bad certificate, plain HTTP, or nothing at all.
 */
public enum HttpLabTls {
  /** TLS with a certificate for the lab's host names, issued by the lab CA. */
  VALID,
  /** TLS with a lab-CA certificate for another name ({@value HttpLab#WRONG_NAME}). */
  WRONG_NAME,
  /** TLS with a self-signed certificate for the lab's host names (not issued by the lab CA). */
  SELF_SIGNED,
  /** TLS with a lab-CA certificate for the lab's host names that expired a day ago. */
  EXPIRED,
  /** Plain HTTP on the HTTPS port (a server block listening on 443 without {@code ssl}). */
  PLAIN_HTTP,
  /** Nothing listens: connections to port 443 are refused. */
  CLOSED
}
