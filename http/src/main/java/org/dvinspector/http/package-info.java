/** The {@code http} module: file validation (http-file, acme-http-01) fetched from every address over HTTP and HTTPS, following redirects the way the CA does. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.http;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
