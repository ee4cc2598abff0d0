package org.dvinspector;

/**
 * Thrown at once when a request needs a module the inspector does not have. The message names the
 * Maven artifact to add.
 */
public final class MissingModuleException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String moduleId;

  /** Creates the exception for a check that needs the module {@code moduleId}. */
  public MissingModuleException(String checkKind, String moduleId, String artifact) {
    super("The " + checkKind + " check needs the '" + moduleId + "' module, which this inspector"
        + " does not have: add the artifact " + artifact + " to the class path and call"
        + " findAndAddModules(), or pass the module to addModule(...)");
    this.moduleId = moduleId;
  }

  /** The id of the missing module, e.g. {@code dns}. */
  public String moduleId() {
    return moduleId;
  }
}
