/**
 * DV Inspector remote perspectives: the {@code dvi agent} service ({@link
 * org.dvinspector.remote.AgentServer}) and the client that sends an inspection to it ({@link
 * org.dvinspector.remote.AgentPerspective}).
 */
module org.dvinspector.remote {
  requires transitive org.dvinspector;
  requires transitive okhttp3;
  requires okhttp3.tls;
  requires com.fasterxml.jackson.databind;
  requires jdk.httpserver;
  requires static org.immutables.value.annotations;

  exports org.dvinspector.remote;
}
