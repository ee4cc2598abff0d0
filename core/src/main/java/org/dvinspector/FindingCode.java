package org.dvinspector;

/**
 * The finding catalogue: every diagnosis the inspector can make, in one place.
 *
 * <p>Codes are stable: their names appear in JSON reports and users match on them. A module that
 * adds a diagnosis adds its code here, with its usual severity and a one-line description; a
 * {@link Finding} may still carry another severity when the CA profile makes the difference
 * (for example a TLS problem that one CA tolerates and another does not).
 */
public enum FindingCode {
  // ---------------------------------------------------------------- inspection itself
  /** The overall deadline passed before a check finished; its result is unknown. */
  INSPECTION_DEADLINE_EXCEEDED(Severity.WARNING, Area.INSPECTION,
      "The inspection deadline passed before a check finished"),
  /** The inspector itself failed while running a check (a bug or resource problem, not the domain's). */
  INSPECTION_INTERNAL_ERROR(Severity.WARNING, Area.INSPECTION,
      "The inspector failed while running a check"),
  /** The inspector's own network could not reach what it needed; the domain may be fine. */
  INSPECTOR_NETWORK_UNAVAILABLE(Severity.WARNING, Area.INSPECTION,
      "The inspector's own network could not reach the servers it needed"),
  /**
   * The inspector's own limit kept it from finishing: its limit on questions in flight (a backlog
   * that outlasted the deadline), its sockets or file descriptors, the host's executor refusing
   * work (the message names that executor), its limit on inspections at once (the inspection
   * waited longer than the admission timeout and never started), or what its HTTP client reads
   * (e.g. response headers longer than it accepts). Not a limit of the CA, not a fault of the
   * domain: the result is unknown.
   */
  INSPECTOR_LIMIT_REACHED(Severity.WARNING, Area.INSPECTION,
      "The inspector's own limits kept it from finishing"),
  /**
   * A remote perspective (an agent, an MPIC engine) gave no usable answer: it was unreachable,
   * refused the key, was busy, timed out, or replied in a way the client could not read. The
   * domain may be fine; that perspective's result is unknown.
   */
  REMOTE_PERSPECTIVE_FAILED(Severity.WARNING, Area.INSPECTION,
      "A remote perspective gave no usable answer"),
  /**
   * The host closed the inspector while the inspection was in flight; the report holds what was
   * seen until then and its verdict is UNKNOWN.
   */
  INSPECTOR_CLOSED(Severity.WARNING, Area.INSPECTION,
      "The inspector was closed before the inspection finished"),
  /** A check passed: the expected value was seen from every required perspective. */
  CHECK_PASSED(Severity.INFO, Area.INSPECTION, "The check passed from every required perspective"),

  // ---------------------------------------------------------------- DNS
  /** No record of the expected type at the validation name (NXDOMAIN or NODATA, told apart). */
  DNS_RECORD_MISSING(Severity.ERROR, Area.DNS, "No validation record at the expected name"),
  /** The authoritative servers have the record but the recursive view still caches a negative answer. */
  DNS_NOT_YET_VISIBLE(Severity.WARNING, Area.DNS,
      "The record is on the authoritative servers but resolvers still cache its absence"),
  /** The record exists at a near-by wrong name (apex instead of label, zone appended twice, ...). */
  DNS_RECORD_AT_WRONG_NAME(Severity.ERROR, Area.DNS, "The validation record is at a wrong name"),
  /** A record is at the right name but its value differs from the expected one. */
  DNS_VALUE_MISMATCH(Severity.ERROR, Area.DNS, "The record's value differs from the expected value"),
  /** A wildcard record answers for names that do not exist, masking a missing record. */
  DNS_WILDCARD_ANSWER(Severity.WARNING, Area.DNS, "A wildcard record answers for non-existent names"),
  /** Resolvers still serve an old value; the remaining TTL is the expected wait. */
  DNS_STALE_VALUE_CACHED(Severity.WARNING, Area.DNS, "Resolvers still cache an old value"),
  /** Some authoritative nameservers (or addresses) serve the record and others do not. */
  DNS_NOT_ON_ALL_NAMESERVERS(Severity.ERROR, Area.DNS,
      "The record is not on every authoritative nameserver"),
  /** An authoritative server (or the resolver) did not answer in time. */
  DNS_SERVER_TIMEOUT(Severity.ERROR, Area.DNS, "A DNS server did not answer in time"),
  /** An authoritative server answered SERVFAIL, REFUSED or another error, or could not be reached. */
  DNS_SERVER_FAILURE(Severity.ERROR, Area.DNS, "A DNS server failed to answer"),
  /** A delegated nameserver is not authoritative for the zone. */
  DNS_LAME_DELEGATION(Severity.ERROR, Area.DNS,
      "A delegated nameserver is not authoritative for the zone"),
  /** The parent's delegation (NS set) differs from the zone's own NS set. */
  DNS_NS_SETS_DIFFER(Severity.WARNING, Area.DNS,
      "The parent zone's delegation and the zone's own NS records differ"),
  /**
   * The parent's glue addresses of an in-zone nameserver differ from the address records the zone
   * itself publishes for it; both are asked.
   */
  DNS_GLUE_MISMATCH(Severity.WARNING, Area.DNS,
      "Glue at the parent and the zone's own nameserver addresses differ"),
  /** A nameserver's name is an alias (CNAME), which RFC 2181 §10.3 forbids; resolvers differ. */
  DNS_NS_IS_ALIAS(Severity.WARNING, Area.DNS, "A nameserver name is an alias (CNAME)"),
  /**
   * A zone's apex has a CNAME record, which cannot coexist with its SOA and NS records (RFC 1034
   * §3.6.2, RFC 2181 §10.1); resolvers and CAs handle it differently.
   */
  DNS_CNAME_AT_ZONE_APEX(Severity.WARNING, Area.DNS, "A zone apex is an alias (CNAME)"),
  /**
   * The recursive resolver did not answer by the time the authoritative answers were in, so its
   * view (negative caching, stale values) was not compared; the verdict does not depend on it.
   */
  DNS_RECURSIVE_NOT_COMPARED(Severity.INFO, Area.DNS,
      "The recursive resolver's view was not compared"),
  /** The validation name is an alias; the chain was followed (informational). */
  DNS_CNAME_FOLLOWED(Severity.INFO, Area.DNS, "The validation name is an alias; the chain was followed"),
  /** A CNAME chain loops or is longer than CAs follow. */
  DNS_CNAME_LOOP(Severity.ERROR, Area.DNS, "The CNAME chain loops or is too long"),
  /** A CNAME record points somewhere other than the expected target. */
  DNS_CNAME_TARGET_MISMATCH(Severity.ERROR, Area.DNS, "The CNAME points to another target"),
  /** Direct queries to authoritative servers are blocked here; only the recursive view was used. */
  DNS_AUTHORITATIVE_UNREACHABLE(Severity.WARNING, Area.DNS,
      "Authoritative servers could not be asked directly; fell back to the recursive view"),
  /** The zone of the name could not be found (no delegation, or the name does not exist). */
  DNS_ZONE_NOT_FOUND(Severity.ERROR, Area.DNS, "The zone of the name could not be found"),
  /**
   * An authoritative server answers clients in some regions without the record or with another
   * value: asked again as if from each of the CA's perspective networks (EDNS Client Subnet, RFC
   * 7871), it withholds the value from at least one region the CA validates from (GeoDNS, a DNS
   * provider's "lines"). WARNING when every region the CA uses sees the value and only the
   * inspector's own network does not.
   */
  DNS_ANSWER_DEPENDS_ON_CLIENT_REGION(Severity.ERROR, Area.DNS,
      "The answer depends on the client's region"),
  /**
   * The authoritative servers ignore the EDNS Client Subnet option (no option in the answer, or
   * scope 0): the same answer for every region, as far as DNS can show (informational).
   */
  DNS_CLIENT_SUBNET_IGNORED(Severity.INFO, Area.DNS,
      "The nameservers answer every client region alike (EDNS Client Subnet ignored)"),

  // DNSSEC: since 2026-03-15 (ballot SC-085) every CA validates DNSSEC on its DCV and CAA lookups.
  // A bogus answer is SERVFAIL to the CA: an ERROR for every method and for CAA. The finer codes
  // below name the broken link; DNSSEC_BOGUS is the umbrella for the rest. Each finding's evidence
  // names the zone, the key tags, the server when one server differs, and the dates of a
  // signature.
  /**
   * DNSSEC validation fails (bogus chain) for a reason the finer codes do not cover (a signature
   * by a key the zone does not publish, an algorithm mismatch, malformed DNSSEC records): every
   * CA would fail to resolve the name.
   */
  DNSSEC_BOGUS(Severity.ERROR, Area.DNS, "DNSSEC validation fails for the name"),
  /**
   * The parent's DS records match none of the zone's DNSKEYs (RFC 4035 §5.2): the key was
   * rolled or the zone re-signed at the DNS host without the DS at the registrar being updated.
   */
  DNSSEC_DS_KEY_MISMATCH(Severity.ERROR, Area.DNS,
      "The DS records at the parent match none of the zone's DNSKEYs"),
  /**
   * The parent has DS records for a zone that is not signed (no DNSKEY, no signatures): DNSSEC
   * was turned off at the DNS host while the DS stayed at the registrar. Every CA fails.
   */
  DNSSEC_DS_FOR_UNSIGNED_ZONE(Severity.ERROR, Area.DNS,
      "The parent has DS records but the zone is not signed"),
  /** The zone is signed (the parent has DS records) but serves no DNSKEY RRset. */
  DNSSEC_DNSKEY_MISSING(Severity.ERROR, Area.DNS, "The zone serves no DNSKEY records"),
  /** An RRSIG on the chain has expired (the evidence gives its validity dates). */
  DNSSEC_SIGNATURE_EXPIRED(Severity.ERROR, Area.DNS, "A DNSSEC signature has expired"),
  /** An RRSIG on the chain is not valid yet (inception in the future; the evidence gives the dates). */
  DNSSEC_SIGNATURE_NOT_YET_VALID(Severity.ERROR, Area.DNS, "A DNSSEC signature is not valid yet"),
  /** An RRSIG on the chain does not verify with the zone's key (data changed after signing). */
  DNSSEC_SIGNATURE_INVALID(Severity.ERROR, Area.DNS, "A DNSSEC signature does not verify"),
  /** A signed zone answered without signatures (RRSIG) for data the verdict rests on. */
  DNSSEC_UNSIGNED_ANSWER(Severity.ERROR, Area.DNS, "A signed zone answered without signatures"),
  /**
   * A negative answer (NXDOMAIN, NODATA, a delegation without DS) from a signed zone came without
   * a valid NSEC or NSEC3 proof (RFC 4035 §5.4, RFC 5155 §8).
   */
  DNSSEC_DENIAL_PROOF_INVALID(Severity.ERROR, Area.DNS,
      "The NSEC/NSEC3 proof of non-existence is missing or wrong"),
  /**
   * One authoritative server serves stale signatures (expired, or made with an old key) while
   * the others are fine: a validating resolver drops that server and asks another, so validation
   * passes, but that server is a risk (and fails outright if it is the only one answering).
   */
  DNSSEC_STALE_ON_SERVER(Severity.WARNING, Area.DNS,
      "One nameserver serves stale DNSSEC signatures while the others are fine"),
  /**
   * The zone is not signed, proven by its parent (no DS, RFC 4035 §5.2; NSEC3 opt-out), or signed
   * only with algorithms or digests validators do not support (RFC 6840 §5.2): answers are
   * accepted without DNSSEC protection.
   */
  DNSSEC_INSECURE_DELEGATION(Severity.INFO, Area.DNS,
      "The zone is not protected by DNSSEC (insecure delegation)"),
  /**
   * The inspection had no DNSSEC trust anchors (a lab with an unsigned root, or a policy without
   * anchors), so DNSSEC was not validated; a CA validates it.
   */
  DNSSEC_UNVALIDATED(Severity.INFO, Area.DNS,
      "DNSSEC was not validated: the inspection has no trust anchors"),
  /** The domain does not resolve in public DNS at all. */
  DOMAIN_NOT_RESOLVABLE(Severity.ERROR, Area.DNS, "The domain does not resolve in public DNS"),

  // dns-persist-01 (draft-ietf-acme-dns-persist, BR 3.2.2.4.22): the TXT record at
  // _validation-persist.<name> is an RFC 8659 issue-value; each way it can fail has its code.
  /**
   * A {@code _validation-persist} record naming the CA does not parse: not an RFC 8659
   * issue-value, a duplicate parameter, no {@code accounturi}, a {@code persistUntil} that is not
   * a base-10 UNIX time. The CA answers {@code malformed}.
   */
  DNS_PERSIST_MALFORMED(Severity.ERROR, Area.DNS,
      "The persistent validation record naming the CA does not parse"),
  /** {@code _validation-persist} records exist, but none names one of the CA's issuer domain names. */
  DNS_PERSIST_ISSUER_MISMATCH(Severity.ERROR, Area.DNS,
      "No persistent validation record names this CA"),
  /** The record names the CA but its {@code accounturi} is another account's. */
  DNS_PERSIST_ACCOUNT_MISMATCH(Severity.ERROR, Area.DNS,
      "The persistent validation record is for another ACME account"),
  /** The record's {@code persistUntil} is before the inspection time. */
  DNS_PERSIST_EXPIRED(Severity.ERROR, Area.DNS, "The persistent validation record has expired"),
  /** The record's {@code persistUntil} comes soon: validations after it fail. */
  DNS_PERSIST_EXPIRING(Severity.WARNING, Area.DNS,
      "The persistent validation record expires soon"),
  /** A wildcard is requested and the record lacks {@code policy=wildcard}. */
  DNS_PERSIST_WILDCARD_NOT_ALLOWED(Severity.ERROR, Area.DNS,
      "The persistent validation record does not allow wildcards"),

  // ---------------------------------------------------------------- TLS (tls-alpn-01)
  // RFC 8737 and BR 3.2.2.4.20; connection problems use the HTTP codes (HTTP_CONNECT_FAILED,
  // HTTP_TIMEOUT, HTTP_IPV6_BROKEN, HTTP_PLAIN_ON_HTTPS_PORT) with the tls-alpn-01 method.
  /**
   * The server did not negotiate the {@code acme-tls/1} protocol (RFC 8737 §3): it refused it
   * (alert no_application_protocol) or answered without it, as CDNs and TLS-terminating proxies
   * do; the CA fails.
   */
  TLS_ALPN_NOT_NEGOTIATED(Severity.ERROR, Area.TLS,
      "The server does not negotiate the acme-tls/1 protocol"),
  /** The TLS handshake with ALPN {@code acme-tls/1} failed for another reason (version, alert). */
  TLS_ALPN_HANDSHAKE_FAILED(Severity.ERROR, Area.TLS, "The TLS handshake for tls-alpn-01 failed"),
  /**
   * The server answered with an ordinary certificate (no acmeIdentifier extension), such as the
   * site's own, instead of the challenge certificate.
   */
  TLS_ALPN_NOT_CHALLENGE_CERTIFICATE(Severity.ERROR, Area.TLS,
      "The server presents an ordinary certificate instead of the challenge certificate"),
  /** The acmeIdentifier extension holds another digest than SHA-256 of the key authorization. */
  TLS_ALPN_WRONG_DIGEST(Severity.ERROR, Area.TLS,
      "The challenge certificate holds another key authorization's digest"),
  /** The acmeIdentifier extension is not marked critical (RFC 8737 §3). */
  TLS_ALPN_EXTENSION_NOT_CRITICAL(Severity.ERROR, Area.TLS,
      "The acmeIdentifier extension is not critical"),
  /**
   * The acmeIdentifier extension's value is not a DER OCTET STRING of 32 octets, or an extension
   * appears twice.
   */
  TLS_ALPN_EXTENSION_MALFORMED(Severity.ERROR, Area.TLS,
      "The challenge certificate's extensions are malformed"),
  /** The challenge certificate names more than the one name validated (RFC 8737 §3). */
  TLS_ALPN_EXTRA_NAMES(Severity.ERROR, Area.TLS,
      "The challenge certificate names more than the validated name"),
  /** The challenge certificate's one subjectAltName is not the name validated, or there is none. */
  TLS_ALPN_WRONG_NAME(Severity.ERROR, Area.TLS,
      "The challenge certificate is for another name"),
  /** The challenge certificate is not self-signed (RFC 8737 §3; Let's Encrypt checks it). */
  TLS_ALPN_NOT_SELF_SIGNED(Severity.ERROR, Area.TLS,
      "The challenge certificate is not self-signed"),

  // ---------------------------------------------------------------- HTTP
  /** The validation file URL answered 404 or 410. */
  HTTP_FILE_NOT_FOUND(Severity.ERROR, Area.HTTP, "The validation file was not found"),
  /** The file is not at the validation path but at a common wrong one (web root, /.well-known/). */
  HTTP_FILE_AT_WRONG_PATH(Severity.ERROR, Area.HTTP, "The validation file is at a wrong path"),
  /** The connection was refused, reset or could not be opened. */
  HTTP_CONNECT_FAILED(Severity.ERROR, Area.HTTP, "The web server could not be connected to"),
  /** The web server did not answer (connect or read) in time. */
  HTTP_TIMEOUT(Severity.ERROR, Area.HTTP, "The web server did not answer in time"),
  /** Different addresses (or CDN nodes) serve different results. */
  HTTP_INCONSISTENT_ACROSS_ENDPOINTS(Severity.ERROR, Area.HTTP,
      "Different addresses of the site answer differently"),
  /** The file's content differs from the expected value (possibly an older token). */
  HTTP_CONTENT_MISMATCH(Severity.ERROR, Area.HTTP, "The file's content differs from the expected value"),
  /** The status code is not one the CA accepts (e.g. not 200 for ACME, not 2xx for the file method). */
  HTTP_STATUS_NOT_ACCEPTED(Severity.ERROR, Area.HTTP, "The status code is not accepted by the CA"),
  /** The file is reachable over HTTP but not over HTTPS. */
  HTTPS_UNREACHABLE(Severity.ERROR, Area.HTTP, "The file is not reachable over HTTPS"),
  /** HTTP and HTTPS give different results. */
  HTTP_SCHEMES_DISAGREE(Severity.WARNING, Area.HTTP, "HTTP and HTTPS give different results"),
  /** A redirect the CA would not follow (status, scheme, port, host, or redirects not allowed at all). */
  HTTP_REDIRECT_NOT_ALLOWED(Severity.ERROR, Area.HTTP, "A redirect the CA would not follow"),
  /** Redirects loop. */
  HTTP_REDIRECT_LOOP(Severity.ERROR, Area.HTTP, "The redirects loop"),
  /** More redirects than the CA follows. */
  HTTP_TOO_MANY_REDIRECTS(Severity.ERROR, Area.HTTP, "More redirects than the CA follows"),
  /** A redirect target's host ends in ".well-known": a missing slash in the redirect rule. */
  HTTP_REDIRECT_MISSING_SLASH(Severity.ERROR, Area.HTTP,
      "A redirect target's host name ends in .well-known (a missing slash)"),
  /** The body is larger than the CA reads. */
  HTTP_BODY_TOO_LARGE(Severity.ERROR, Area.HTTP, "The response body is larger than the CA reads"),
  /** IPv6 fails while IPv4 works; CAs try IPv6 first. */
  HTTP_IPV6_BROKEN(Severity.WARNING, Area.HTTP, "IPv6 fails while IPv4 works"),
  /**
   * The web server's answer is not valid HTTP/1.1: an invalid status line, an HTTP/0.9 reply, broken
   * chunked framing, TLS on the plain-HTTP port. CAs' HTTP clients refuse such responses too.
   */
  HTTP_MALFORMED_RESPONSE(Severity.ERROR, Area.HTTP, "The web server's response is not valid HTTP"),
  /** Port 443 answers plain HTTP instead of TLS. */
  HTTP_PLAIN_ON_HTTPS_PORT(Severity.ERROR, Area.HTTP, "Port 443 answers plain HTTP, not TLS"),
  /** A TLS handshake or certificate problem (whether it fails depends on the CA). */
  HTTP_TLS_PROBLEM(Severity.WARNING, Area.HTTP, "TLS handshake or certificate problem"),
  /**
   * The site answers the CA's User-Agent differently than a browser's (a firewall or WAF rule
   * that blocks the CA's validator), seen by fetching again as a browser after a failure.
   */
  HTTP_USER_AGENT_REFUSED(Severity.ERROR, Area.HTTP,
      "The site refuses the CA's User-Agent but serves a browser"),
  /** A CDN or proxy was recognised from the response headers. */
  HTTP_CDN_DETECTED(Severity.INFO, Area.HTTP, "A CDN or reverse proxy serves the site"),
  /** The name resolves to private, loopback or other reserved addresses, which CAs refuse. */
  ADDRESS_NOT_PUBLIC(Severity.ERROR, Area.HTTP, "The name resolves to non-public addresses"),

  // ---------------------------------------------------------------- CAA
  /** The relevant CAA set does not authorize the CA. */
  CAA_FORBIDS_ISSUER(Severity.ERROR, Area.CAA, "CAA records do not authorize this CA"),
  /** The CAA set forbids wildcard issuance for the CA (issuewild). */
  CAA_FORBIDS_WILDCARD(Severity.ERROR, Area.CAA, "CAA records do not authorize wildcard issuance"),
  /** The relevant CAA set was found by following an alias (e.g. a CNAME to github.io). */
  CAA_INHERITED_VIA_CNAME(Severity.WARNING, Area.CAA, "The CAA set comes through a CNAME alias"),
  /** A critical CAA record with an unknown tag forbids issuance. */
  CAA_UNKNOWN_CRITICAL_TAG(Severity.ERROR, Area.CAA, "A critical CAA record has an unknown tag"),
  /** A CAA record does not parse; it authorizes nobody. */
  CAA_MALFORMED_RECORD(Severity.WARNING, Area.CAA, "A CAA record does not parse"),
  /** RFC 8657 accounturi does not match the account. */
  CAA_ACCOUNT_URI_MISMATCH(Severity.ERROR, Area.CAA, "CAA accounturi does not match the account"),
  /** RFC 8657 validationmethods does not permit the method. */
  CAA_METHOD_NOT_PERMITTED(Severity.ERROR, Area.CAA, "CAA validationmethods does not permit the method"),
  /** CAA lookup failed before a set was found: CAs refuse to issue. */
  CAA_LOOKUP_FAILED(Severity.ERROR, Area.CAA, "The CAA lookup failed"),
  /** Authoritative servers serve different CAA sets. */
  CAA_SETS_DIFFER(Severity.WARNING, Area.CAA, "Authoritative servers serve different CAA sets"),
  /** An iodef contact is published. */
  CAA_IODEF(Severity.INFO, Area.CAA, "A CAA iodef contact is published"),
  /** The relevant CAA set and where it was found. */
  CAA_RELEVANT_SET(Severity.INFO, Area.CAA, "The relevant CAA set"),
  /**
   * CAA issue records exist but the CA's issuer domain names are unknown (a profile without CAA
   * identities and a check without issuer domains), so whether they authorize it cannot be told.
   */
  CAA_ISSUER_UNKNOWN(Severity.WARNING, Area.CAA,
      "The CA's CAA issuer domain is unknown, so the CAA records cannot be judged"),

  // ---------------------------------------------------------------- e-mail and phone contacts
  // BR 3.2.2.4.4, .13, .14, .16, .17 (and Appendix A): whether the CA's random value could reach a
  // contact. The inspector reads no mailbox and dials no number: it checks what the CA looks up.
  /** The contacts the CA would use (addresses or numbers, where each was found). */
  CONTACT_CANDIDATES(Severity.INFO, Area.CONTACT, "The contacts the CA would send its value to"),
  /**
   * No contact record: no {@code _validation-contactemail} / {@code _validation-contactphone} TXT
   * record at any Authorization Domain Name, or no CAA {@code contactemail} / {@code contactphone}
   * property in the relevant CAA record set.
   */
  CONTACT_RECORD_MISSING(Severity.ERROR, Area.CONTACT, "No DNS contact record"),
  /**
   * A contact record's value is not a valid e-mail address (RFC 6532 §3.2) or global phone number
   * (RFC 3966 §5.1.4), "with no additional padding or structure" (BR Appendix A): CAs cannot use
   * it.
   */
  CONTACT_RECORD_MALFORMED(Severity.ERROR, Area.CONTACT, "A DNS contact record's value is unusable"),
  /** The contact the requester expects the CA to use is not among the ones the CA would find. */
  CONTACT_NOT_PUBLISHED(Severity.ERROR, Area.CONTACT, "The expected contact is not published"),
  /** The domain publishes a null MX (RFC 7505): it accepts no mail. */
  MAIL_NULL_MX(Severity.ERROR, Area.CONTACT, "The domain accepts no mail (null MX)"),
  /** The domain has no MX and no address either: no mail can be delivered to it (RFC 5321 §5.1). */
  MAIL_NO_MAIL_SERVER(Severity.ERROR, Area.CONTACT, "The domain has no mail server"),
  /** The domain has no MX record: mail goes to its address records (RFC 5321 §5.1 implicit MX). */
  MAIL_IMPLICIT_MX(Severity.INFO, Area.CONTACT, "Mail goes to the domain's own address (no MX)"),
  /** An MX host has no address, does not exist, or resolves only to non-public addresses. */
  MAIL_MX_UNUSABLE(Severity.ERROR, Area.CONTACT, "A mail exchanger cannot be reached"),
  /** An MX record points to an alias (CNAME), which RFC 2181 §10.3 forbids; senders differ. */
  MAIL_MX_IS_ALIAS(Severity.WARNING, Area.CONTACT, "A mail exchanger name is an alias (CNAME)"),
  /**
   * The opt-in SMTP probe (labs only) was refused: the mail server rejected the recipient at
   * {@code RCPT TO}, or could not be connected to. No message is ever sent.
   */
  MAIL_RECIPIENT_REJECTED(Severity.ERROR, Area.CONTACT,
      "The mail server rejects the contact address"),

  // ---------------------------------------------------------------- CA policy
  /** The method cannot be used for a wildcard name (BR 3.2.2.4.18/.19/.20). */
  METHOD_NOT_ALLOWED_FOR_WILDCARD(Severity.ERROR, Area.POLICY,
      "The method cannot be used for a wildcard name"),
  /** The CA does not offer this method. */
  METHOD_NOT_OFFERED(Severity.ERROR, Area.POLICY, "The CA does not offer this method"),
  /** The BR retired the method by the inspection date. */
  METHOD_RETIRED(Severity.ERROR, Area.POLICY, "The method is retired by the Baseline Requirements"),
  /** The token is older than the CA's lifetime for it. */
  TOKEN_EXPIRED(Severity.ERROR, Area.POLICY, "The validation token has expired"),
  /**
   * The random value is shorter than the CA accepts (DigiCert's library refuses values under 128
   * bits): it is not the value the CA issued.
   */
  TOKEN_TOO_SHORT(Severity.ERROR, Area.POLICY, "The random value is shorter than the CA accepts"),
  /** The name contains keywords that trigger manual review or refusal at this CA. */
  POLICY_MANUAL_REVIEW_LIKELY(Severity.WARNING, Area.POLICY,
      "The name contains keywords that trigger manual review"),
  /** The name is itself a public suffix. */
  NAME_IS_PUBLIC_SUFFIX(Severity.ERROR, Area.POLICY, "The name is a public suffix"),
  /** A wildcard directly over a public suffix ({@code *.co.uk}). */
  WILDCARD_OVER_PUBLIC_SUFFIX(Severity.ERROR, Area.POLICY, "A wildcard directly over a public suffix"),
  /** The top-level domain is not in the public root zone (an internal name). */
  INTERNAL_NAME(Severity.ERROR, Area.POLICY, "The name is internal (its TLD is not in the root zone)"),
  /** The name lies under in-addr.arpa or ip6.arpa. */
  REVERSE_ZONE_NAME(Severity.ERROR, Area.POLICY, "The name is in a reverse-DNS zone"),
  /** Perspectives (addresses, nameservers, remote agents) saw different results. */
  PERSPECTIVES_DISAGREE(Severity.WARNING, Area.POLICY, "Perspectives saw different results"),
  /**
   * Fewer remote perspectives (or registries) were supplied than the CA's quorum uses, so the
   * quorum prediction covers only the perspectives supplied.
   */
  PERSPECTIVES_INSUFFICIENT(Severity.INFO, Area.POLICY,
      "Fewer remote perspectives were supplied than the CA's quorum uses"),
  /**
   * Whether multi-perspective corroboration (BR 3.2.2.9) would reach the CA's quorum cannot be
   * told: it depends on remote perspectives that gave no answer.
   */
  QUORUM_UNDECIDED(Severity.WARNING, Area.POLICY,
      "Whether corroboration would reach the quorum cannot be told"),
  /** Multi-perspective corroboration (BR 3.2.2.9) would not reach the CA's quorum. */
  QUORUM_NOT_MET(Severity.ERROR, Area.POLICY,
      "Multi-perspective corroboration would not reach the quorum");

  /** Which part of validation a code belongs to. */
  public enum Area {
    /** The inspection itself. */
    INSPECTION,
    /** DNS records (TXT, CNAME). */
    DNS,
    /** HTTP file validation. */
    HTTP,
    /** Certification Authority Authorization. */
    CAA,
    /** TLS with ALPN (tls-alpn-01). */
    TLS,
    /** E-mail and phone contacts (the contact methods). */
    CONTACT,
    /** The CA's policy gates. */
    POLICY
  }

  private final Severity defaultSeverity;
  private final Area area;
  private final String title;

  FindingCode(Severity defaultSeverity, Area area, String title) {
    this.defaultSeverity = defaultSeverity;
    this.area = area;
    this.title = title;
  }

  /** The usual severity; a finding may override it when the profile makes the difference. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The part of validation the code belongs to. */
  public Area area() {
    return area;
  }

  /** A one-line description of the code, for documentation and listings. */
  public String title() {
    return title;
  }
}
