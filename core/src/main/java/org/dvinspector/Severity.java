package org.dvinspector;

/** How much a {@link Finding} matters to the certificate authority's verdict. */
public enum Severity {
  /** The CA's validation would fail (or issuance would be refused). */
  ERROR,
  /** Validation may fail, or something is a risk worth fixing. */
  WARNING,
  /** Worth knowing; does not affect the verdict. */
  INFO
}
