/**
 * Reading ACME account keys with the JDK alone: PEM and DER (X.509 SubjectPublicKeyInfo, PKCS#8,
 * SEC1, PKCS#1), JWK, and the public key of a private key (RSA, EC on the NIST curves, Ed25519).
 */
@NullMarked
package org.dvinspector.internal.keys;

import org.jspecify.annotations.NullMarked;
