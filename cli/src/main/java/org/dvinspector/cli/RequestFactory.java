package org.dvinspector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link RequestSpec} into an {@link InspectionRequest}, rejecting bad input with a
 * {@link UsageException} whose message says what is wrong and which option to fix.
 */
final class RequestFactory {
  private RequestFactory() {}

  /** A file name under /.well-known/pki-validation/: letters, digits, '-', '_', an extension. */
  private static final java.util.regex.Pattern FILE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.[A-Za-z0-9]+");

  /**
   * Builds the request.
   *
   * @throws UsageException for any bad or missing value
   */
  static InspectionRequest build(RequestSpec spec) {
    try {
      return doBuild(spec);
    } catch (UsageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The library's request builders say what is wrong (InvalidDomainNameException included).
      throw new UsageException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static InspectionRequest doBuild(RequestSpec spec) {
    String domain = spec.text(RequestField.DOMAIN);
    if (domain == null || domain.isBlank()) {
      throw new UsageException("No domain given");
    }
    String profileId = spec.text(RequestField.PROFILE);
    CaProfile profile = profileId == null ? CaProfiles.BASELINE_REQUIREMENTS : Profiles.byId(profileId);

    List<Check> checks = new ArrayList<>();
    String txt = spec.text(RequestField.DNS_TXT);
    if (txt != null) {
      String label = label(spec.text(RequestField.TXT_LABEL), defaultTxtLabel(profile));
      // The CA's format: GlobalSign expects globalsign-domain-verification=<value>.
      String value = txt.isBlank() ? txt : profile.dnsTxtValue(txt);
      checks.add(label == null ? DnsTxtCheck.atDomain(value) : DnsTxtCheck.of(label, value));
    } else if (spec.has(RequestField.TXT_LABEL)) {
      throw new UsageException("--txt-label needs --dns-txt");
    }
    String cname = spec.text(RequestField.DNS_CNAME);
    if (cname != null) {
      String label = label(spec.text(RequestField.CNAME_LABEL), profile.dnsCnameLabel().orElse(null));
      checks.add(label == null ? DnsCnameCheck.atDomain(cname) : DnsCnameCheck.of(label, cname));
    } else if (spec.has(RequestField.CNAME_LABEL)) {
      throw new UsageException("--cname-label needs --dns-cname");
    }
    String file = spec.text(RequestField.HTTP_FILE);
    if (file != null) {
      checks.add(httpFile(file, profile));
    }
    AcmeKeys keys = AcmeKeys.from(spec);
    String http01 = spec.text(RequestField.ACME_HTTP_01);
    if (http01 != null) {
      checks.add(AcmeHttp01Check.of(keys.keyAuthorization(http01, "--acme-http-01")));
    }
    String dns01 = spec.text(RequestField.ACME_DNS_01);
    if (dns01 != null) {
      checks.add(AcmeDns01Check.of(keys.keyAuthorization(dns01, "--acme-dns-01")));
    }
    String tlsAlpn = spec.text(RequestField.ACME_TLS_ALPN_01);
    if (tlsAlpn != null) {
      checks.add(AcmeTlsAlpn01Check.of(keys.keyAuthorization(tlsAlpn, "--acme-tls-alpn-01")));
    }
    String accountUri = spec.text(RequestField.ACCOUNT_URI);
    String dnsAccount = spec.text(RequestField.ACME_DNS_ACCOUNT_01);
    if (dnsAccount != null) {
      checks.add(AcmeDnsAccount01Check.of(
          keys.keyAuthorization(dnsAccount, "--acme-dns-account-01"),
          required(accountUri, "--acme-dns-account-01")));
    }
    if (http01 == null && dns01 == null && tlsAlpn == null && dnsAccount == null
        && keys.given()) {
      throw new UsageException(keys.option() + " needs --acme-http-01, --acme-dns-01,"
          + " --acme-tls-alpn-01 or --acme-dns-account-01");
    }
    if (Boolean.TRUE.equals(spec.bool(RequestField.ACME_DNS_PERSIST_01))) {
      checks.add(AcmeDnsPersist01Check.of(required(accountUri, "--acme-dns-persist-01"),
          spec.list(RequestField.CAA_ISSUER).toArray(new String[0])));
    }
    checks.addAll(contacts(spec));
    boolean accountUsed = dnsAccount != null
        || Boolean.TRUE.equals(spec.bool(RequestField.ACME_DNS_PERSIST_01));
    CaaCheck caa = caa(spec, profile, accountUsed);
    if (caa != null) {
      checks.add(caa);
    }
    if (checks.isEmpty()) {
      throw new UsageException("Nothing to check for " + Style.safe(domain)
          + ": give --dns-txt, --dns-cname, --http-file, --acme-http-01, --acme-dns-01,"
          + " --acme-tls-alpn-01, --acme-dns-account-01, --acme-dns-persist-01,"
          + " --contact-method or --caa-issuer (profile " + profile.id()
          + " names no CAA identity)");
    }
    InspectionRequest.Builder b = InspectionRequest.builder().domain(domain).profile(profile)
        .addAllChecks(checks);
    String created = spec.text(RequestField.TOKEN_CREATED);
    if (created != null) {
      b.tokenCreatedAt(instant(created));
    }
    String ecs = spec.text(RequestField.ECS);
    if (ecs != null) {
      b.ednsClientSubnet(onOff(ecs, "--ecs"));
    }
    return b.build();
  }

  /** {@code on} or {@code off} (also {@code true}/{@code false}, {@code yes}/{@code no}). */
  static boolean onOff(String value, String option) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new UsageException(option + " takes on or off, not '"
          + Style.safe(value) + "'");
    };
  }

  private static @Nullable String defaultTxtLabel(CaProfile profile) {
    // The profile lists where its CA looks; the first entry is where the console tells people to
    // put the record. "" means the name itself.
    List<String> labels = profile.dnsTxtLabels();
    return labels.isEmpty() || labels.get(0).isEmpty() ? null : labels.get(0);
  }

  private static @Nullable String label(@Nullable String given, @Nullable String fallback) {
    if (given == null) {
      return fallback;
    }
    String l = given.strip();
    return l.isEmpty() || l.equals("@") ? null : l;
  }

  /**
   * {@code [PATH=]CONTENT}: a path is recognised by its leading slash; without one, the profile's
   * file (e.g. DigiCert's fileauth.txt).
   */
  static HttpFileCheck httpFile(String value, CaProfile profile) {
    HttpFileCheck check = httpFile(value);
    if (check.path().isEmpty() && profile.httpFilePath().isPresent()) {
      return HttpFileCheck.of(profile.httpFilePath().get(), check.expectedContent());
    }
    if (check.path().isEmpty()) {
      throw new UsageException("Profile " + profile.id() + " has no standard file path: give"
          + " --http-file " + HttpFileCheck.PATH_PREFIX + "NAME=CONTENT");
    }
    return check;
  }

  /**
   * {@code [PATH=]CONTENT}: a path is recognised by its leading slash, or is a bare file name with
   * an extension ({@code fileauth.txt=CONTENT}), which goes under {@code
   * /.well-known/pki-validation/}. Random values are hex or base64 and have no '.' before an '=',
   * so a value such as {@code abc==} stays content.
   */
  static HttpFileCheck httpFile(String value) {
    int eq = value.indexOf('=');
    if (eq > 0 && FILE_NAME.matcher(value.substring(0, eq)).matches()) {
      return HttpFileCheck.of(HttpFileCheck.PATH_PREFIX + value.substring(0, eq),
          value.substring(eq + 1));
    }
    if (eq > 0 && value.startsWith("/")) {
      String path = value.substring(0, eq);
      String content = value.substring(eq + 1);
      if (!path.startsWith(HttpFileCheck.PATH_PREFIX)) {
        throw new UsageException("The --http-file path '" + Style.safe(path)
            + "' must be under " + HttpFileCheck.PATH_PREFIX + " (BR 3.2.2.4.18)");
      }
      return HttpFileCheck.of(path, content);
    }
    return HttpFileCheck.atProfilePath(value);
  }

  private static String required(@Nullable String accountUri, String option) {
    if (accountUri == null || accountUri.isBlank()) {
      throw new UsageException(option + " needs --account-uri (the ACME account's URI, e.g."
          + " https://acme-v02.api.letsencrypt.org/acme/acct/123456789)");
    }
    return accountUri.strip();
  }

  /** One readiness check per {@code --contact-method}, with the shared contact options. */
  private static List<Check> contacts(RequestSpec spec) {
    List<String> methods = spec.list(RequestField.CONTACT_METHOD);
    String contact = spec.text(RequestField.CONTACT);
    String adn = spec.text(RequestField.AUTHORIZATION_DOMAIN);
    Boolean probe = spec.bool(RequestField.SMTP_PROBE);
    if (methods.isEmpty()) {
      if (contact != null || adn != null || probe != null) {
        throw new UsageException("--contact, --authorization-domain and --smtp-probe need"
            + " --contact-method");
      }
      return List.of();
    }
    List<Check> out = new ArrayList<>();
    for (String label : methods) {
      Method m;
      try {
        m = Method.fromLabel(label.strip());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--contact-method " + Style.safe(label) + " is not a method");
      }
      if (!DomainContactCheck.METHODS.contains(m)) {
        throw new UsageException("--contact-method " + m.label() + " is not an e-mail or phone"
            + " method; use email-constructed, email-txt-contact, email-caa-contact,"
            + " phone-txt-contact, phone-caa-contact or phone-domain-contact");
      }
      DomainContactCheck.Builder b = DomainContactCheck.builder().contactMethod(m);
      if (contact != null) {
        b.expectedContact(contact.strip());
      }
      if (adn != null) {
        b.authorizationDomainName(adn.strip());
      }
      b.smtpProbe(Boolean.TRUE.equals(probe) && isEmail(m));
      out.add(b.build());
    }
    return out;
  }

  private static boolean isEmail(Method m) {
    return m == Method.EMAIL_CONSTRUCTED || m == Method.EMAIL_CAA_CONTACT
        || m == Method.EMAIL_TXT_CONTACT;
  }

  private static @Nullable CaaCheck caa(RequestSpec spec, CaProfile profile,
      boolean accountUsedElsewhere) {
    Boolean wanted = spec.bool(RequestField.CAA);
    List<String> issuers = spec.list(RequestField.CAA_ISSUER);
    String accountUri = spec.text(RequestField.ACCOUNT_URI);
    if (Boolean.FALSE.equals(wanted)) {
      // dns-persist-01 names the CA with --caa-issuer and dns-account-01/-persist-01 use the
      // account URI: only when nothing else uses them do they contradict --no-caa.
      if (((!issuers.isEmpty() || accountUri != null) && !accountUsedElsewhere)
          || spec.has(RequestField.CAA_METHOD)) {
        throw new UsageException(
            "--no-caa contradicts --caa-issuer / --account-uri / --caa-method");
      }
      return null;
    }
    boolean identities = !issuers.isEmpty() || !profile.caaIdentities().isEmpty();
    if (!identities) {
      if (Boolean.TRUE.equals(wanted) || (accountUri != null && !accountUsedElsewhere)
          || spec.has(RequestField.CAA_METHOD)) {
        throw new UsageException("CAA needs the CA's identity: give --caa-issuer (e.g."
            + " letsencrypt.org) or a --profile that names it");
      }
      return null;
    }
    CaaCheck.Builder b = CaaCheck.builder().addAllIssuerDomains(issuers);
    if (accountUri != null) {
      b.accountUri(accountUri);
    }
    CaaMethods.validationMethod(spec).ifPresent(b::validationMethod);
    return b.build();
  }

  /** Clock skew tolerated before a token creation time counts as in the future. */
  static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofMinutes(5);

  /**
   * An ISO-8601 instant ({@code 2026-01-31T10:00:00Z}) or date-time with offset, not in the
   * future: a token the CA has not created yet cannot be checked for its age.
   */
  static Instant instant(String text) {
    return instant(text, Instant.now());
  }

  static Instant instant(String text, Instant now) {
    String t = text.strip();
    Instant created;
    try {
      created = Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        created = OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        throw new UsageException("--token-created '" + Style.safe(Dvi.abbreviate(text, 100))
            + "' is not an ISO-8601 instant such as 2026-01-31T10:00:00Z");
      }
    }
    if (created.isAfter(now.plus(FUTURE_TOLERANCE))) {
      throw new UsageException("--token-created " + created + " is in the future (now is "
          + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    }
    return created;
  }

  /** Reads a small text file the user named, with a one-line error when it cannot be read. */
  static String readFile(String option, String file) {
    return readFile(option, file, 1_000_000);
  }

  /**
   * Like {@link #readFile(String, String)} with a size limit in bytes. The read itself is bounded:
   * the size a file claims is never trusted ({@code /dev/zero} and {@code /dev/urandom} claim 0
   * and never end). The text must be UTF-8 without NUL bytes; UTF-16 and binary files get a
   * one-line error saying so.
   */
  static String readFile(String option, String file, long maxBytes) {
    String shown = Style.safe(Dvi.abbreviate(file, 200));
    Path p;
    try {
      p = Path.of(file);
    } catch (RuntimeException e) {
      throw new UsageException(option + " '" + shown + "' is not a file name");
    }
    if (Files.isDirectory(p)) {
      throw new UsageException(option + " " + shown + " is a directory");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p)) {
      // One byte more than allowed tells "too large" apart from "exactly at the limit".
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (NoSuchFileException e) {
      throw new UsageException(option + " " + shown + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new UsageException(option + " " + shown + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    }
    if (bytes.length > maxBytes) {
      throw new UsageException(option + " " + shown + " is larger than "
          + (maxBytes >= 1_000_000 ? (maxBytes / 1_000_000) + " MB"
              : maxBytes >= 1_000 ? (maxBytes / 1_000) + " kB" : maxBytes + " bytes")
          + " (or never ends)");
    }
    if (bytes.length >= 2 && ((bytes[0] == (byte) 0xfe && bytes[1] == (byte) 0xff)
        || (bytes[0] == (byte) 0xff && bytes[1] == (byte) 0xfe))) {
      throw new UsageException(option + " " + shown + " is UTF-16 text; save it as UTF-8");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new UsageException(option + " " + shown + " holds NUL bytes: it is binary data"
            + " (or UTF-16 text; save it as UTF-8)");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UsageException(option + " " + shown + " is not UTF-8 text (binary data?)");
    }
  }
}
