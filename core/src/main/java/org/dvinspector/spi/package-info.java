/**
 * The service-provider interface through which the {@code dns}, {@code http} and {@code caa}
 * modules (and a host's own) plug into the inspector. Not needed by ordinary users.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.spi;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
