/**
 * tls-alpn-01 (RFC 8737, BR 3.2.2.4.20) the way a CA checks it: {@link
 * org.dvinspector.http.internal.tlsalpn.AlpnClient} makes the handshake (SNI = the name, ALPN
 * {@code acme-tls/1} only), {@link org.dvinspector.http.internal.tlsalpn.ChallengeCertificate}
 * judges the certificate, {@link org.dvinspector.http.internal.tlsalpn.TlsAlpnFindings} words the
 * findings, and {@link org.dvinspector.http.internal.tlsalpn.TlsAlpnCheckRun} runs one check over
 * every address.
 */
@NullMarked
package org.dvinspector.http.internal.tlsalpn;

import org.jspecify.annotations.NullMarked;
