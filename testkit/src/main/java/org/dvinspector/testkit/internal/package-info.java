/**
 * Implementation of the testkit's DNS lab: zone data and lookups, the NIO event loop that serves
 * UDP and TCP, and the caching recursive resolver. Not API: use {@code org.dvinspector.testkit}.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.testkit.internal;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
