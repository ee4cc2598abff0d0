package org.dvinspector.spi;

/**
 * A pluggable part of the inspector ({@code dns}, {@code http}, {@code caa}, or a host's own).
 * Found by {@link java.util.ServiceLoader} (declare it in {@code META-INF/services} and with {@code
 * provides} in {@code module-info}) or added explicitly with {@code
 * DomainValidationInspector.Builder.addModule}.
 *
 * <p>A module is a factory: {@link #start(ModuleServices)} is called once per inspector and
 * returns the runtime that performs checks with the inspector's collaborators.
 */
public interface InspectorModule {
  /** Stable id that {@link org.dvinspector.Check#moduleId()} refers to, e.g. {@code dns}. */
  String id();

  /** Maven coordinates of the artifact, named in the error when the module is missing. */
  default String artifact() {
    return artifactFor(id());
  }

  /** Starts the module for one inspector. */
  ModuleRuntime start(ModuleServices services);

  /** The coordinates of a built-in module: {@code org.dvinspector:dvinspector-<id>}. */
  static String artifactFor(String moduleId) {
    return "org.dvinspector:dvinspector-" + moduleId;
  }
}
