/** The agent protocol's JSON codec. Not API. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.remote.internal;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
