package org.dvinspector.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link HttpLab} for JUnit 5 (or 6) tests. In a {@code static} field the lab starts once
 * before all tests of the class and stops after all (tests share its endpoints, what they serve
 * and their request logs); in an instance field each test gets a fresh lab. Test methods may
 * also take an {@link HttpLab} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HttpLabExtension WEB = HttpLabExtension.of("www.example.test")
 *     .setUp(lab -> lab.endpoint("127.0.0.50")
 *         .serve("/.well-known/pki-validation/fileauth.txt", "token"));
 *
 * @Test
 * void fileIsServed(HttpLab lab) { ... }
 * }</pre>
 *
 * <p>With a {@link DnsLabExtension} in the same class, {@link LabInspectors#builder(DnsLab,
 * HttpLab)} makes an inspector that asks the DNS lab for the addresses and fetches from this lab.
 * JUnit Jupiter is not a dependency of the testkit: the test's own JUnit runs this extension.
 */
public final class HttpLabExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final List<String> hostNames;
  private Consumer<HttpLab> setUp = lab -> {};
  private @Nullable HttpLab lab;
  private boolean perClass;
  /** Nested test classes see a static extension again: only the outermost starts and stops. */
  private int classDepth;

  private HttpLabExtension(List<String> hostNames) {
    this.hostNames = hostNames;
  }

  /**
   * An extension whose lab has certificates for {@code hostNames} (see {@link
   * HttpLab#start(String...)}).
   *
   * @throws IllegalArgumentException if no host name is given
   */
  public static HttpLabExtension of(String... hostNames) {
    if (hostNames.length == 0) {
      throw new IllegalArgumentException("Give at least one host name for the lab certificate");
    }
    return new HttpLabExtension(List.of(hostNames));
  }

  /** What to do with each new lab before the tests use it: start endpoints, serve files. */
  public HttpLabExtension setUp(Consumer<HttpLab> setUp) {
    this.setUp = Objects.requireNonNull(setUp, "setUp");
    return this;
  }

  /**
   * The running lab.
   *
   * @throws IllegalStateException outside a test
   */
  public HttpLab lab() {
    HttpLab l = lab;
    if (l == null) {
      throw new IllegalStateException("The HTTP lab runs only while tests run");
    }
    return l;
  }

  private HttpLab start() {
    HttpLab l = HttpLab.start(hostNames.toArray(new String[0]));
    try {
      setUp.accept(l);
    } catch (RuntimeException | Error e) {
      l.close();
      throw e;
    }
    return l;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    if (classDepth++ == 0) {
      lab = start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (lab == null) {
      lab = start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    HttpLab l = lab;
    if (l != null && !perClass) {
      lab = null;
      l.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth > 0) {
      return;
    }
    HttpLab l = lab;
    lab = null;
    if (l != null) {
      l.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HttpLab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lab();
  }
}
