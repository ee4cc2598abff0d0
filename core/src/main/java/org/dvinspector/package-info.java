/**
 * The DV Inspector API: build a {@link org.dvinspector.DomainValidationInspector}, describe what
 * the certificate authority will check in an {@link org.dvinspector.InspectionRequest}, and read
 * the {@link org.dvinspector.InspectionReport}.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
