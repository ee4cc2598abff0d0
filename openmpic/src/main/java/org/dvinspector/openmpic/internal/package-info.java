/** The Open MPIC APIv2 documents and their mapping to outcomes. Not API. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.openmpic.internal;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
