/**
 * Implementation of the {@code dns} module: the asynchronous DNS client, iterative zone discovery
 * and the CA's view of DNS. Not API.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.dns.internal;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
