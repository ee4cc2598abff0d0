/**
 * ACME helpers: account keys read from PEM, JWK or a {@link java.security.KeyPair} ({@link
 * org.dvinspector.acme.AcmeAccountKey}), and the values RFC 8555 derives from them: key
 * authorizations, the dns-01 TXT digest, thumbprints ({@link
 * org.dvinspector.acme.AcmeChallenges}).
 */
@NullMarked
package org.dvinspector.acme;

import org.jspecify.annotations.NullMarked;
