package org.dvinspector.cli;

import org.dvinspector.DomainValidationInspector;
import org.dvinspector.NetworkPolicy;

/** Builds the inspector the commands use: every module on the class path, the given network. */
final class Inspectors {
  private Inspectors() {}

  static DomainValidationInspector create(NetworkPolicy policy) {
    return DomainValidationInspector.builder()
        .findAndAddModules(Inspectors.class.getClassLoader())
        .networkPolicy(policy)
        .build();
  }
}
