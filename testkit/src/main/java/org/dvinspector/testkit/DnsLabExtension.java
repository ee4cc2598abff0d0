package org.dvinspector.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link DnsLab} for JUnit 5 tests. In a {@code static} field the lab starts once before
 * all tests of the class, is {@linkplain DnsLab#reset() reset} after each test (so tests stay
 * independent) and closes after all; in an instance field each test gets its own lab. Test
 * methods may also take a {@link DnsLab} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
 *     .zone("example.test", z -> z.nameserver("ns1.example.test", "127.0.0.11")
 *         .records("_dnsauth TXT \"token\"")));
 *
 * @Test
 * void passes() {
 *   NetworkPolicy policy = DNS.lab().networkPolicy().build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Using the lab with try-with-resources works just as well; this extension is a convenience.
 */
public final class DnsLabExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final DnsLab.Builder builder;
  private @Nullable DnsLab lab;
  private boolean perClass;
  /** Nested test classes see a static extension again: only the outermost starts and stops the lab. */
  private int classDepth;
  private boolean resetAfterEach = true;

  private DnsLabExtension(DnsLab.Builder builder) {
    this.builder = builder;
  }

  /** An extension that starts a lab from {@code builder}. */
  public static DnsLabExtension of(DnsLab.Builder builder) {
    return new DnsLabExtension(builder);
  }

  /** Keeps zone changes, faults and caches from one test to the next (class-level use only). */
  public DnsLabExtension keepStateBetweenTests() {
    this.resetAfterEach = false;
    return this;
  }

  /**
   * The running lab.
   *
   * @throws IllegalStateException outside a test
   */
  public DnsLab lab() {
    DnsLab l = lab;
    if (l == null) {
      throw new IllegalStateException("The DNS lab runs only while tests run");
    }
    return l;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    if (classDepth++ == 0) {
      lab = builder.start();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (lab == null) {
      lab = builder.start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DnsLab l = lab;
    if (l == null) {
      return;
    }
    if (!perClass) {
      lab = null;
      l.close();
    } else if (resetAfterEach) {
      l.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth > 0) {
      return;
    }
    DnsLab l = lab;
    lab = null;
    if (l != null) {
      l.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DnsLab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lab();
  }
}
