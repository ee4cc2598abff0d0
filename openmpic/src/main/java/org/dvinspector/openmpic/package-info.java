/** Remote perspectives from an Open MPIC coordinator (Open MPIC APIv2): {@link org.dvinspector.openmpic.OpenMpicCoordinator} sends each check of an inspection to the engine and hands one {@link org.dvinspector.spi.RemotePerspective} per engine perspective to {@link org.dvinspector.MultiPerspectiveInspector}. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.openmpic;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
