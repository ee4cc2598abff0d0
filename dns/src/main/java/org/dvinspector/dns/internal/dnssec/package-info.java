/**
 * DNSSEC validation on dnsjava types, for the resolution core to call at each step: trust
 * anchors ({@link org.dvinspector.dns.internal.dnssec.TrustAnchors}), a zone's keys from its DS
 * and DNSKEY RRsets, RRset signatures, NSEC and NSEC3 proofs of non-existence, and whole
 * responses ({@link org.dvinspector.dns.internal.dnssec.DnssecValidator} is the entry point). It
 * asks nothing itself: the caller hands it the records it collected (with the DO bit set) and the
 * time, and gets a {@link org.dvinspector.dns.internal.dnssec.DnssecResult} that names the link
 * that broke. Signatures and digests are dnsjava's {@code org.xbill.DNS.DNSSEC}; the chain rules
 * are RFC 4033-4035 with the RFC 6840 clarifications, RFC 5155 for NSEC3 and RFC 9276 for its
 * iteration limit.
 */
@NullMarked
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class})
package org.dvinspector.dns.internal.dnssec;

import org.immutables.value.Value;
import org.jspecify.annotations.NullMarked;
