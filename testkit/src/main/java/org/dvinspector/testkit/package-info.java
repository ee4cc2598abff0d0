/** Test support for DV Inspector: a DNS lab of in-process authoritative servers on loopback, HTTP lab servers, JUnit 5 support and AssertJ assertions for reports. */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.testkit;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
