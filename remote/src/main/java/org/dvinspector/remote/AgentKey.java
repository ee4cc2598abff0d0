package org.dvinspector.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The secret an agent and its clients share. The client sends it in {@code Authorization: Bearer
 * <key>}; the agent compares it in constant time (both sides hashed with SHA-256 first, so
 * neither the content nor the length of the key leaks through timing).
 *
 * <p>A key is at least {@value #MIN_LENGTH} characters of visible ASCII (no spaces), so it fits
 * an HTTP header unchanged; {@code openssl rand -hex 32} makes a good one. {@link #toString()}
 * never shows it.
 */
public final class AgentKey {
  /** The fewest characters a key may have. */
  public static final int MIN_LENGTH = 16;

  /** The most characters a key may have. */
  public static final int MAX_LENGTH = 512;

  private final String secret;
  private final byte[] digest;

  private AgentKey(String secret) {
    this.secret = secret;
    this.digest = sha256(secret);
  }

  /**
   * A key from its text.
   *
   * @throws IllegalArgumentException if it is shorter than {@value #MIN_LENGTH} characters,
   *     longer than {@value #MAX_LENGTH}, or holds anything but visible ASCII
   */
  public static AgentKey of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("The agent key has " + secret.length()
          + " characters; it needs at least " + MIN_LENGTH + " (e.g. openssl rand -hex 32)");
    }
    if (secret.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("The agent key has " + secret.length()
          + " characters; the limit is " + MAX_LENGTH);
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("The agent key may hold only visible ASCII characters"
            + " (no spaces); character " + (i + 1) + " is not one");
      }
    }
    return new AgentKey(secret);
  }

  /**
   * The key in {@code file}: its text without surrounding white space (a trailing newline is
   * usual).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is larger than a key or its text is not one
   */
  public static AgentKey fromFile(Path file) throws IOException {
    if (Files.size(file) > 4 * MAX_LENGTH) {
      throw new IllegalArgumentException("The key file " + file + " is larger than a key");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return of(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code presented} is this key; the comparison takes the same time whatever it is. */
  public boolean matches(String presented) {
    Objects.requireNonNull(presented, "presented");
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  /** The {@code Authorization} header value a client sends. */
  String authorization() {
    return AgentProtocol.AUTH_SCHEME + " " + secret;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "AgentKey[redacted]";
  }
}
