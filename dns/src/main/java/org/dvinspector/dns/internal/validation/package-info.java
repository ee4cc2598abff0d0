/**
 * The DNS validation checks ({@code dns-txt}, {@code acme-dns-01}, {@code dns-cname}): what each
 * authoritative server and resolver saw, turned into findings. Not API.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.dns.internal.validation;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
