package org.dvinspector.dns;

import org.dvinspector.dns.internal.DnsRuntime;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * The {@code dns} module: runs {@link org.dvinspector.DnsTxtCheck}, {@link
 * org.dvinspector.DnsCnameCheck}, {@link org.dvinspector.AcmeDns01Check}, {@link
 * org.dvinspector.AcmeDnsAccount01Check} and {@link org.dvinspector.AcmeDnsPersist01Check} the way
 * a CA would (every authoritative nameserver, every address, asked directly and at once), and
 * offers other
 * modules the capabilities {@link CaDnsView} and {@link org.dvinspector.spi.HostAddressLookup}.
 *
 * <p>Found by {@link java.util.ServiceLoader} when {@code dvinspector-dns} is on the class or
 * module path; it can also be added with {@code DomainValidationInspector.Builder.addModule(new
 * DnsModule())}.
 */
public final class DnsModule implements InspectorModule {
  /** The module id checks refer to. */
  public static final String ID = "dns";

  /** For {@link java.util.ServiceLoader}. */
  public DnsModule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModuleRuntime start(ModuleServices services) {
    return new DnsRuntime(services);
  }

  @Override
  public String toString() {
    return "DnsModule";
  }
}
