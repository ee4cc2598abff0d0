package org.dvinspector;

/**
 * Thrown when a string is not a domain name the inspector can work with. The message names the
 * input and says what is wrong with it.
 */
public final class InvalidDomainNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String input;

  InvalidDomainNameException(String input, String problem) {
    super("Invalid domain name \"" + Text.escape(input) + "\": " + problem);
    this.input = input;
  }

  /** The rejected input, as given. */
  public String input() {
    return input;
  }
}
