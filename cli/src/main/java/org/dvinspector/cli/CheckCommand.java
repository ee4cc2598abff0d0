package org.dvinspector.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dvi check}: one domain, a watch on one domain, or a batch file. */
@Command(
    name = "check",
    sortOptions = false,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Predict whether a CA's domain-control validation would pass, and why not.",
    descriptionHeading = "%n",
    description = {
        "Asks what the CA asks, from where the CA asks it: every authoritative nameserver,"
            + " every address of the site, over HTTP and HTTPS, plus CAA.",
        "",
        "Exit codes: 0 READY, 1 NOT_READY, 2 UNKNOWN, 64 bad usage or input, 70 internal error,"
            + " 130 interrupted.",
    },
    parameterListHeading = "%nParameters:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%nExamples:%n",
    // Each example line fits in 80 columns (picocli wraps longer footer lines to column 0 when
    // the output is not a terminal); a long one continues after a backslash, as in a shell.
    // CliExamplesTest runs them all.
    footer = {
        "  dvi check www.example.com --profile digicert \\",
        "      --dns-txt K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a --txt-label _dnsauth",
        "  dvi check example.com --profile letsencrypt \\",
        "      --acme-dns-01 TOKEN --account-key key.pem",
        "  dvi check example.com --http-file fileauth.txt=CONTENT --watch",
        "  dvi check example.com --caa-issuer letsencrypt.org --caa-method dns-01",
        "  dvi check example.com --profile letsencrypt --acme-dns-persist-01 \\",
        "      --account-uri https://acme-v02.api.letsencrypt.org/acme/acct/1",
        "  dvi check example.com --contact-method email-constructed",
        "  dvi check --input orders.jsonl --concurrency 16 > reports.jsonl",
    })
final class CheckCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DOMAIN",
      description = "The name the certificate is for (may be a wildcard such as *.example.com).")
  @Nullable String domain;

  @Option(names = "--profile", paramLabel = "ID", completionCandidates = ProfileIds.class,
      description = "The CA: ${COMPLETION-CANDIDATES} (default: baseline).")
  @Nullable String profile;

  @Option(names = "--dns-txt", paramLabel = "VALUE",
      description = "Expect a TXT record holding VALUE (BR 3.2.2.4.7).")
  @Nullable String dnsTxt;

  @Option(names = "--txt-label", paramLabel = "LABEL",
      description = "Where the TXT record is: LABEL.DOMAIN, e.g. _dnsauth; '@' for DOMAIN itself"
          + " (default: the profile's first label).")
  @Nullable String txtLabel;

  @Option(names = "--dns-cname", paramLabel = "TARGET",
      description = "Expect a CNAME record pointing to TARGET (BR 3.2.2.4.7).")
  @Nullable String dnsCname;

  @Option(names = "--cname-label", paramLabel = "LABEL",
      description = "Where the CNAME record is, e.g. _dnsauth; '@' for DOMAIN itself (default:"
          + " the profile's label, else DOMAIN itself).")
  @Nullable String cnameLabel;

  @Option(names = "--http-file", paramLabel = "[PATH=]CONTENT",
      description = "Expect a file under /.well-known/pki-validation/ holding CONTENT; PATH is"
          + " the file's path or name (fileauth.txt=CONTENT) and defaults to the profile's file"
          + " (BR 3.2.2.4.18).")
  @Nullable String httpFile;

  @Option(names = "--acme-http-01", paramLabel = "TOKEN",
      description = "Expect the ACME http-01 challenge for TOKEN (RFC 8555 §8.3).")
  @Nullable String acmeHttp01;

  @Option(names = "--acme-dns-01", paramLabel = "TOKEN",
      description = "Expect the ACME dns-01 challenge for TOKEN (RFC 8555 §8.4).")
  @Nullable String acmeDns01;

  @Option(names = "--acme-tls-alpn-01", paramLabel = "TOKEN",
      description = "Expect the ACME tls-alpn-01 challenge for TOKEN on port 443 (RFC 8737).")
  @Nullable String acmeTlsAlpn01;

  @Option(names = "--acme-dns-account-01", paramLabel = "TOKEN",
      description = "Expect the ACME dns-account-01 challenge for TOKEN under the account's label"
          + " (draft-ietf-acme-dns-account-label; needs --account-uri).")
  @Nullable String acmeDnsAccount01;

  @Option(names = "--acme-dns-persist-01",
      description = "Expect the persistent dns-persist-01 record naming the CA and the account"
          + " (draft-ietf-acme-dns-persist; needs --account-uri).")
  @Nullable Boolean acmeDnsPersist01;

  @Option(names = "--contact-method", split = ",", paramLabel = "METHOD",
      description = "E-mail or phone validation readiness: email-constructed, email-txt-contact,"
          + " email-caa-contact, phone-txt-contact, phone-caa-contact, phone-domain-contact.")
  List<String> contactMethods = new ArrayList<>();

  @Option(names = "--contact", paramLabel = "ADDRESS|NUMBER",
      description = "The e-mail address or phone number the CA should use (with"
          + " --contact-method).")
  @Nullable String contact;

  @Option(names = "--authorization-domain", paramLabel = "NAME",
      description = "The Authorization Domain Name for --contact-method: DOMAIN or a name above"
          + " it (default: each of them).")
  @Nullable String authorizationDomain;

  @Option(names = "--smtp-probe",
      description = "Ask the mail server whether it accepts the addresses (EHLO, RCPT TO; no"
          + " mail sent); only mail servers routed to loopback (labs) are asked.")
  @Nullable Boolean smtpProbe;

  @Option(names = "--account-key", paramLabel = "FILE",
      description = "The ACME account key, to compute the key authorization: a PEM public or"
          + " private key (PKCS#8, EC PRIVATE KEY, RSA PRIVATE KEY) or a JWK (certbot's"
          + " private_key.json).")
  @Nullable String accountKey;

  @Option(names = "--thumbprint", paramLabel = "THUMBPRINT",
      description = "The ACME account key's JWK thumbprint (RFC 7638), instead of --account-key.")
  @Nullable String thumbprint;

  @Option(names = "--key-authorization", paramLabel = "TOKEN.THUMBPRINT",
      description = "The ACME key authorization, instead of --account-key.")
  @Nullable String keyAuthorization;

  @Option(names = "--caa", negatable = true,
      description = "Check CAA (default: yes when the profile or --caa-issuer names the CA).")
  @Nullable Boolean caa;

  @Option(names = "--caa-issuer", split = ",", paramLabel = "DOMAIN",
      description = "Issuer domain name(s) that identify the CA in CAA and dns-persist-01, e.g."
          + " letsencrypt.org.")
  List<String> caaIssuers = new ArrayList<>();

  @Option(names = "--account-uri", paramLabel = "URI",
      description = "The ACME account URI: for CAA accounturi (RFC 8657), dns-account-01 and"
          + " dns-persist-01.")
  @Nullable String accountUri;

  @Option(names = "--caa-method", paramLabel = "METHOD",
      description = "The validation method the CA will use, for CAA validationmethods (RFC 8657)"
          + " when no check of that method is given, e.g. dns-01 or http-01.")
  @Nullable String caaMethod;

  @Option(names = "--token-created", paramLabel = "INSTANT",
      description = "When the CA created the token, e.g. 2026-01-31T10:00:00Z (checks its age).")
  @Nullable String tokenCreated;

  @Option(names = "--ecs", paramLabel = "on|off",
      description = "Also ask every nameserver as if from the profile's perspective networks"
          + " (EDNS Client Subnet, RFC 7871), to find answers that differ by region (default: on"
          + " when the profile names networks: every CA profile but baseline).")
  @Nullable String ecs;

  @Mixin NetworkOptions network = new NetworkOptions();

  @Mixin PerspectiveOptions perspectives = new PerspectiveOptions();

  @Option(names = "--json", description = "Write the report as JSON (see report.schema.json).")
  boolean json;

  @Option(names = "--no-color", description = "No colour (also: the NO_COLOR variable).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, description = "Also list every observation.")
  boolean verbose;

  @Option(names = "--watch",
      description = "Inspect again every --interval until READY or --watch-timeout.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
      description = "Time between watch attempts (default: ${DEFAULT-VALUE}).")
  Duration interval = Duration.ofSeconds(5);

  @Option(names = "--watch-timeout", paramLabel = "DURATION", defaultValue = "10m",
      description = "How long to watch (default: ${DEFAULT-VALUE}).")
  Duration watchTimeout = Duration.ofMinutes(10);

  @Option(names = "--input", paramLabel = "FILE",
      description = "Check every request of FILE (JSON Lines or CSV, one request per line; keys"
          + " are these long option names); write JSON Lines.")
  @Nullable String input;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Format of --input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "AUTO")
  BatchInput.Format inputFormat = BatchInput.Format.AUTO;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "Batch requests inspected at once (default: ${DEFAULT-VALUE}).")
  int concurrency = 8;

  CheckCommand(CliEnvironment env) {
    this.env = env;
  }

  /** Longest --interval between watch attempts. */
  static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /** Longest --watch-timeout. */
  static final Duration MAX_WATCH = Duration.ofDays(7);

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1 || concurrency > 1024) {
      throw new UsageException("--concurrency must be between 1 and 1024");
    }
    Durations.atMost("--interval", interval, MAX_INTERVAL);
    Durations.atMost("--watch-timeout", watchTimeout, MAX_WATCH);
    if (input != null) {
      return batch(input);
    }
    if (domain == null) {
      throw new UsageException("Give a DOMAIN to check, or --input FILE");
    }
    InspectionRequest request = RequestFactory.build(commandLineSpec().with(RequestField.DOMAIN, domain));
    NetworkPolicy policy = network.policy();
    try (DomainValidationInspector local = Inspectors.create(policy);
        Inspection inspector = perspectives.around(local)) {
      InspectionReport report;
      if (watch) {
        report = new Watch(inspector, interval, watchTimeout, env.err(), env.terminal(), style())
            .run(request);
      } else {
        report = inspector.inspect(request);
      }
      print(report);
      return ExitCodes.of(report.verdict());
    }
  }

  private void print(InspectionReport report) {
    if (json) {
      env.out().println(ReportJson.pretty(ReportJson.toJson(report, 0)));
    } else {
      env.out().print(new HumanReport(style(), verbose).render(report));
    }
    env.out().flush();
  }

  private Style style() {
    return !noColor && env.colourAllowed() ? Style.colour() : Style.plain();
  }

  /** The request fields given on the command line (a batch uses them as defaults). */
  RequestSpec commandLineSpec() {
    return RequestSpec.empty()
        .with(RequestField.PROFILE, profile)
        .with(RequestField.DNS_TXT, dnsTxt)
        .with(RequestField.TXT_LABEL, txtLabel)
        .with(RequestField.DNS_CNAME, dnsCname)
        .with(RequestField.CNAME_LABEL, cnameLabel)
        .with(RequestField.HTTP_FILE, httpFile)
        .with(RequestField.ACME_HTTP_01, acmeHttp01)
        .with(RequestField.ACME_DNS_01, acmeDns01)
        .with(RequestField.ACME_TLS_ALPN_01, acmeTlsAlpn01)
        .with(RequestField.ACME_DNS_ACCOUNT_01, acmeDnsAccount01)
        .with(RequestField.ACME_DNS_PERSIST_01, acmeDnsPersist01)
        .with(RequestField.CONTACT_METHOD, contactMethods)
        .with(RequestField.CONTACT, contact)
        .with(RequestField.AUTHORIZATION_DOMAIN, authorizationDomain)
        .with(RequestField.SMTP_PROBE, smtpProbe)
        .with(RequestField.ACCOUNT_KEY, accountKey)
        .with(RequestField.THUMBPRINT, thumbprint)
        .with(RequestField.KEY_AUTHORIZATION, keyAuthorization)
        .with(RequestField.CAA, caa)
        .with(RequestField.CAA_ISSUER, caaIssuers)
        .with(RequestField.ACCOUNT_URI, accountUri)
        .with(RequestField.CAA_METHOD, caaMethod)
        .with(RequestField.TOKEN_CREATED, tokenCreated)
        .with(RequestField.ECS, ecs);
  }

  private int batch(String file) throws InterruptedException {
    if (domain != null) {
      throw new UsageException("Give either a DOMAIN or --input FILE, not both");
    }
    if (watch) {
      throw new UsageException("--watch works on one DOMAIN, not with --input");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new UsageException("--concurrency must be between 1 and 1024");
    }
    String text = RequestFactory.readFile("--input", file, 64_000_000);
    RequestSpec defaults = commandLineSpec();
    List<BatchRunner.Item> items = new ArrayList<>();
    for (BatchInput.Line line : BatchInput.parse(text, file, inputFormat)) {
      try {
        items.add(new BatchRunner.Item(line.number(),
            RequestFactory.build(line.spec().withDefaults(defaults))));
      } catch (UsageException e) {
        throw BatchInput.error(file, line.number(), String.valueOf(e.getMessage()));
      }
    }
    NetworkPolicy policy = network.policy();
    try (DomainValidationInspector local = Inspectors.create(policy);
        Inspection inspector = perspectives.around(local)) {
      Progress progress = new Progress(env.err(), env.terminal(), items.size());
      BatchRunner runner = new BatchRunner(inspector, items, concurrency, env.out(), progress);
      Thread hook = null;
      if (env.installShutdownHooks()) {
        hook = new Thread(() -> {
          int kept = runner.cancel();
          progress.finish();
          env.err().println("dvi: interrupted; kept the " + HumanReport.plural(kept, "report")
              + " already written (of " + runner.total() + ")");
          env.err().flush();
        }, "dvi-batch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
      }
      try {
        return runner.run();
      } finally {
        if (hook != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // Already shutting down: the hook runs and reports.
          }
        }
      }
    }
  }
}
