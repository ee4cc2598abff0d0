/**
 * The {@code dns} module: TXT and CNAME validation (dns-txt, dns-cname, acme-dns-01,
 * acme-dns-account-01, acme-dns-persist-01) seen the way a CA sees it, and the CA's view of DNS
 * that other modules use ({@link org.dvinspector.dns.CaDnsView}).
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.dns;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
