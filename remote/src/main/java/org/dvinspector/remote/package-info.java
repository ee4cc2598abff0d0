/** Remote perspectives on machines the host runs (BR 3.2.2.9): the {@code dvi agent} HTTP/JSON service ({@link org.dvinspector.remote.AgentServer}), its shared key ({@link org.dvinspector.remote.AgentKey}) and the {@link org.dvinspector.spi.RemotePerspective} that sends an inspection to an agent ({@link org.dvinspector.remote.AgentPerspective}). The wire format is documented in {@code remote/PROTOCOL.md}. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.remote;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
