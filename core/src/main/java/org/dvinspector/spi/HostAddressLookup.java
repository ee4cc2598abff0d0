package org.dvinspector.spi;

import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;

/**
 * Resolves a host name's A and AAAA records the way the CA would. The {@code dns} module offers
 * one that asks the authoritative servers; without it, the {@code http} module uses the JDK's
 * resolver.
 */
public interface HostAddressLookup {
  /** Looks up the addresses of {@code name}, recording observations in the context. */
  CompletionStage<HostAddresses> lookup(DomainName name, InspectionContext context);
}
