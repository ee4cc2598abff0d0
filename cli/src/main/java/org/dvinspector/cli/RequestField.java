package org.dvinspector.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The fields of one request, named like the long options of {@code dvi check}. The same names
 * are the keys of a batch file's JSON Lines objects and the column names of its CSV header, so a
 * request reads the same everywhere.
 */
enum RequestField {
  /** The certificate name. */
  DOMAIN("domain", Kind.TEXT, "the name the certificate is for (may be a wildcard)"),
  /** The CA profile id. */
  PROFILE("profile", Kind.TEXT, "CA profile id (baseline, letsencrypt, digicert, ...)"),
  /** Expected TXT value. */
  DNS_TXT("dns-txt", Kind.TEXT, "expected TXT value (BR 3.2.2.4.7)"),
  /** Label of the TXT record. */
  TXT_LABEL("txt-label", Kind.TEXT, "label of the TXT record, e.g. _dnsauth; '@' for the name itself"),
  /** Expected CNAME target. */
  DNS_CNAME("dns-cname", Kind.TEXT, "expected CNAME target (BR 3.2.2.4.7)"),
  /** Label of the CNAME record. */
  CNAME_LABEL("cname-label", Kind.TEXT, "label of the CNAME record, e.g. _dnsauth; '@' for the name itself"),
  /** Expected file content, optionally with its path. */
  HTTP_FILE("http-file", Kind.TEXT,
      "[PATH=]CONTENT of the validation file under /.well-known/pki-validation/ (BR 3.2.2.4.18)"),
  /** ACME http-01 token. */
  ACME_HTTP_01("acme-http-01", Kind.TEXT, "ACME http-01 token (RFC 8555 §8.3)"),
  /** ACME dns-01 token. */
  ACME_DNS_01("acme-dns-01", Kind.TEXT, "ACME dns-01 token (RFC 8555 §8.4)"),
  /** ACME tls-alpn-01 token. */
  ACME_TLS_ALPN_01("acme-tls-alpn-01", Kind.TEXT, "ACME tls-alpn-01 token (RFC 8737)"),
  /** ACME dns-account-01 token. */
  ACME_DNS_ACCOUNT_01("acme-dns-account-01", Kind.TEXT,
      "ACME dns-account-01 token (draft-ietf-acme-dns-account-label; needs account-uri)"),
  /** Whether to check the dns-persist-01 record. */
  ACME_DNS_PERSIST_01("acme-dns-persist-01", Kind.BOOLEAN,
      "check the dns-persist-01 record (draft-ietf-acme-dns-persist; needs account-uri)"),
  /** E-mail and phone methods. */
  CONTACT_METHOD("contact-method", Kind.LIST, "e-mail or phone method(s): email-constructed,"
      + " email-txt-contact, email-caa-contact, phone-txt-contact, phone-caa-contact,"
      + " phone-domain-contact (BR 3.2.2.4.4, .14, .13, .16, .17, .15)"),
  /** The contact the CA should use. */
  CONTACT("contact", Kind.TEXT, "the e-mail address or phone number the CA should use"),
  /** The Authorization Domain Name of the contact methods. */
  AUTHORIZATION_DOMAIN("authorization-domain", Kind.TEXT,
      "the Authorization Domain Name for the contact methods (the name or one above it)"),
  /** Whether to run the lab-only SMTP probe. */
  SMTP_PROBE("smtp-probe", Kind.BOOLEAN,
      "ask the mail server whether it accepts the addresses (labs only: mail servers routed to"
          + " loopback; no mail is sent)"),
  /** A ready key authorization. */
  KEY_AUTHORIZATION("key-authorization", Kind.TEXT, "ACME key authorization token.thumbprint"),
  /** The account's JWK thumbprint. */
  THUMBPRINT("thumbprint", Kind.TEXT, "ACME account key thumbprint, base64url (RFC 7638)"),
  /** The account's public key file. */
  ACCOUNT_KEY("account-key", Kind.TEXT,
      "file with the ACME account key: PEM (public or private) or JWK (certbot's private_key.json)"),
  /** Whether to check CAA. */
  CAA("caa", Kind.BOOLEAN, "check CAA (default: when the profile or --caa-issuer names the CA)"),
  /** CAA issuer domain names. */
  CAA_ISSUER("caa-issuer", Kind.LIST,
      "issuer domain name(s) that identify the CA (CAA and dns-persist-01)"),
  /** RFC 8657 account URI. */
  ACCOUNT_URI("account-uri", Kind.TEXT, "ACME account URI: CAA accounturi (RFC 8657),"
      + " dns-account-01's label, dns-persist-01's accounturi"),
  /** The RFC 8657 validation method for CAA. */
  CAA_METHOD("caa-method", Kind.TEXT,
      "validation method for CAA validationmethods (RFC 8657), e.g. dns-01; default: the request's"),
  /** When the token was created. */
  TOKEN_CREATED("token-created", Kind.TEXT, "when the CA created the token (ISO-8601 instant)"),
  /** Whether DNS checks also ask as if from the CA's perspective networks (EDNS Client Subnet). */
  ECS("ecs", Kind.TEXT, "on|off: also ask the nameservers as if from the profile's perspective"
      + " networks (EDNS Client Subnet, RFC 7871; default: on when the profile names them)");

  /** How a field's value is written. */
  enum Kind {
    /** One string. */
    TEXT,
    /** true or false. */
    BOOLEAN,
    /** One or more strings (in CSV: separated by spaces or semicolons). */
    LIST
  }

  private final String key;
  private final Kind kind;
  private final String description;

  RequestField(String key, Kind kind, String description) {
    this.key = key;
    this.kind = kind;
    this.description = description;
  }

  /** The key / column name / long option name without dashes. */
  String key() {
    return key;
  }

  Kind kind() {
    return kind;
  }

  String description() {
    return description;
  }

  /** The field with this key (case-insensitive; {@code _} accepted for {@code -}). */
  static Optional<RequestField> byKey(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (RequestField f : values()) {
      if (f.key.equals(k)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
