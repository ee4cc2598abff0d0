/** The {@code caa} module: RFC 8659 / RFC 8657 CAA evaluation that predicts whether a CA may issue, and says which record to add. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.caa;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
