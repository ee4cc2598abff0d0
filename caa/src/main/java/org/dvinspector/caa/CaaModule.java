package org.dvinspector.caa;

import org.dvinspector.caa.internal.CaaRuntime;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * The {@code caa} module: runs {@link org.dvinspector.CaaCheck}, predicting whether the CA's CAA
 * check (RFC 8659, RFC 8657, BR 4.2.2.1) lets it issue, and saying which records to add when not.
 *
 * <p>The relevant record set is searched the way a CA searches it, through the {@code dns}
 * module's {@link org.dvinspector.dns.CaDnsView}: every authoritative server of each zone, asked
 * directly, aliases followed, failures reported. So the inspector needs both modules:
 *
 * <pre>{@code
 * DomainValidationInspector.builder()
 *     .addModule(new DnsModule())
 *     .addModule(new CaaModule())
 *     .build();
 * }</pre>
 *
 * <p>Found by {@link java.util.ServiceLoader} when {@code dvinspector-caa} is on the class or
 * module path. The evaluation alone, without DNS, is {@link CaaEvaluator}.
 */
public final class CaaModule implements InspectorModule {
  /** The module id {@link org.dvinspector.CaaCheck} refers to. */
  public static final String ID = "caa";

  /** For {@link java.util.ServiceLoader}. */
  public CaaModule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModuleRuntime start(ModuleServices services) {
    return new CaaRuntime(services);
  }

  @Override
  public String toString() {
    return "CaaModule";
  }
}
