/**
 * Implementation of the {@code caa} module: the relevant-record-set search through the CA's view
 * of DNS and the findings it leads to. Not API.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.caa.internal;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
