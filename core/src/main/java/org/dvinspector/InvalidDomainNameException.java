package org.dvinspector;

import org.dvinspector.spi.Text;

/**
 * Thrown when a string is not a domain name the inspector can work with. The message names the
 * input and says what is wrong with it.
 */
public final class InvalidDomainNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidDomainNameException(String input, String problem) {
    // Quoted and shortened: a 100,000-character "domain" is not echoed whole.
    super("Invalid domain name " + Text.quote(input, 120) + ": " + problem);
    this.input = input;
  }

  /** The rejected input, as given. */
  public String input() {
    return input;
  }
}
