package org.dvinspector;

import java.util.ArrayList;
import java.util.List;

/**
 * The client networks the built-in {@link CaProfile}s name for their CA's perspectives (see
 * {@link CaProfile#perspectiveNetworks()}), as data with a source for each: the CA's published
 * egress addresses where it publishes them, representative networks per registry region
 * otherwise.
 *
 * <p>Why these networks: an authoritative server that answers by region decides from the address
 * of the resolver that asks (or from the client subnet that resolver forwards, RFC 7871). A CA's
 * resolver asks from the CA's own network in each region, so the networks that stand for a
 * perspective are the CA's egress networks there. Most CAs do not publish them (Let's Encrypt:
 * "we don't publish a list of IP addresses we use to validate"; Sectigo: no IP addresses to allow
 * for MPIC), so {@link #representative()} stands in: one network per registry region in a public
 * cloud region, because CAs' remote perspectives commonly run in public clouds (Open MPIC deploys
 * to AWS regions) and because AWS publishes which prefix is in which region. A geolocation
 * database places these prefixes where AWS runs them, which is what a GeoDNS server decides on.
 *
 * <p>BR 3.2.2.9 (multi-perspective issuance corroboration) asks that the remote perspectives that
 * corroborate lie in the service regions of at least two registries, and that perspectives count
 * as distinct only when at least 500 km apart; the representative set spans all five registries,
 * on five continents. Edit a profile's list with {@code
 * profile.toBuilder().perspectiveNetworks(...)} when you know where your CA looks from.
 */
public final class PerspectiveNetworks {
  private PerspectiveNetworks() {}

  /**
   * Amazon's published ranges: {@code https://ip-ranges.amazonaws.com/ip-ranges.json}, as
   * mirrored with its regions by the CloudIPAtlas project (MaximeWewer/CloudIPAtlas, commit
   * 35e758c8, 2026-08-22, {@code cloud_ips/aws/regions/}).
   */
  static final String AWS = "AWS ip-ranges.json (mirrored by MaximeWewer/CloudIPAtlas, commit"
      + " 35e758c8, 2026-08-22), region ";

  private static final List<PerspectiveNetwork> REPRESENTATIVE = List.of(
      PerspectiveNetwork.of("us-east-1 (N. Virginia)", Rir.ARIN, "3.80.0.0/12",
          AWS + "us-east-1"),
      PerspectiveNetwork.of("eu-central-1 (Frankfurt)", Rir.RIPE_NCC, "3.120.0.0/14",
          AWS + "eu-central-1"),
      PerspectiveNetwork.of("ap-southeast-1 (Singapore)", Rir.APNIC, "13.228.0.0/15",
          AWS + "ap-southeast-1"),
      PerspectiveNetwork.of("sa-east-1 (Sao Paulo)", Rir.LACNIC, "18.228.0.0/16",
          AWS + "sa-east-1"),
      PerspectiveNetwork.of("af-south-1 (Cape Town)", Rir.AFRINIC, "13.244.0.0/15",
          AWS + "af-south-1"));

  /**
   * GlobalSign's MPIC addresses as its resellers publish them. Each published address is given as
   * the /24 around it: resolvers send at most a /24 (RFC 7871 §11.1), and GeoDNS decides on no
   * more.
   */
  private static final String GLOBALSIGN_SOURCE = "GlobalSign's MPIC IP list as published by TBS"
      + " Certificates (FAQ \"20250901 - MPIC in DCV and CAA controls\","
      + " tbs-certificates.co.uk/FAQ/en/MPIC.html, read 2026): ";

  private static final List<PerspectiveNetwork> GLOBALSIGN = List.of(
      PerspectiveNetwork.of("Japan (GlobalSign's own network)", Rir.APNIC, "133.88.7.0/24",
          GLOBALSIGN_SOURCE + "133.88.7.1, 133.88.7.2 (and 133.88.2.112/29)"),
      PerspectiveNetwork.of("ap-southeast-2 (Sydney)", Rir.APNIC, "52.64.70.0/24",
          GLOBALSIGN_SOURCE + "ap-southeast-2: 52.64.70.230/32 (in AWS's 52.64.0.0/17)"),
      PerspectiveNetwork.of("ca-central-1 (Montreal)", Rir.ARIN, "15.156.151.0/24",
          GLOBALSIGN_SOURCE + "ca-central-1: 15.156.151.97/32 (in AWS's 15.156.0.0/15)"),
      PerspectiveNetwork.of("eu-central-1 (Frankfurt)", Rir.RIPE_NCC, "63.176.81.0/24",
          GLOBALSIGN_SOURCE + "eu-central-1: 63.176.81.153/32 (in AWS's 63.176.0.0/14)"),
      PerspectiveNetwork.of("eu-north-1 (Stockholm)", Rir.RIPE_NCC, "16.16.130.0/24",
          GLOBALSIGN_SOURCE + "eu-north-1: 16.16.130.86/32 (in AWS's 16.16.0.0/16)"));

  private static final String DIGICERT_SOURCE = "DigiCert's DCV source addresses as resellers"
      + " publish them for allow-listing (TheSSLStore, \"Troubleshooting Domain Control Validation"
      + " (DCV)\"; Commfides knowledge base, read 2026): ";

  private static final List<PerspectiveNetwork> DIGICERT = withRepresentative(List.of(
      PerspectiveNetwork.of("Lehi, Utah (DigiCert's own network)", Rir.ARIN, "216.168.247.0/24",
          DIGICERT_SOURCE + "216.168.247.9 (in DigiCert's 216.168.240.0/20)"),
      PerspectiveNetwork.of("us-west-2 (Oregon)", Rir.ARIN, "34.213.233.0/24",
          DIGICERT_SOURCE + "34.213.233.92 (in AWS's 34.208.0.0/12, us-west-2)")),
      Rir.RIPE_NCC, Rir.APNIC);

  /**
   * One network per registry region, in the AWS region there: us-east-1 (ARIN), eu-central-1
   * (RIPE NCC), ap-southeast-1 (APNIC), sa-east-1 (LACNIC), af-south-1 (AFRINIC). For CAs that do
   * not publish where they validate from.
   */
  public static List<PerspectiveNetwork> representative() {
    return REPRESENTATIVE;
  }

  /**
   * GlobalSign's published MPIC addresses (Japan, Sydney, Montreal, Frankfurt, Stockholm), each as
   * its /24. The list read was a reseller's copy and may be longer at GlobalSign: add to it when
   * you know more.
   */
  public static List<PerspectiveNetwork> globalSign() {
    return GLOBALSIGN;
  }

  /**
   * DigiCert: the two DCV source addresses resellers publish (DigiCert's own network in Utah and
   * AWS us-west-2, both ARIN), plus the representative RIPE NCC and APNIC networks for the
   * remote perspectives DigiCert runs in other registries (BR 3.2.2.9: at least two). DigiCert
   * publishes its MPIC agents' addresses in its knowledge base (article SO499, "MPIC agent IP
   * addresses"); put them here when you have them.
   */
  public static List<PerspectiveNetwork> digiCert() {
    return DIGICERT;
  }

  private static List<PerspectiveNetwork> withRepresentative(List<PerspectiveNetwork> own,
      Rir... registries) {
    List<PerspectiveNetwork> out = new ArrayList<>(own);
    for (Rir r : registries) {
      for (PerspectiveNetwork n : REPRESENTATIVE) {
        if (n.rir() == r) {
          out.add(PerspectiveNetwork.builder().from(n)
              .source(n.source() + " (representative: the CA's own network there was not read)")
              .build());
        }
      }
    }
    return List.copyOf(out);
  }
}
