package org.dvinspector.openmpic;

import java.util.Map;
import java.util.Optional;
import org.dvinspector.Rir;

/**
 * The Regional Internet Registry of each AWS region an Open MPIC deployment on AWS Lambda may use
 * as a perspective, keyed by the region code the engine reports as {@code perspective_code}.
 *
 * <p>Facts from the region table of open-mpic/aws-lambda-python ({@code
 * resources/aws_region_config.yaml} at commit 547356ff3744b70ff188a62b8f3cca18f725a7a5): a
 * coordinator counts registries from the same assignment, so predictions use it too. Perspectives
 * of other deployments (containers, Kubernetes) have codes of their operator's choosing: give
 * their registries to {@link OpenMpicCoordinator.Builder#addPerspective(String, Rir)}.
 */
public final class OpenMpicRegions {
  private OpenMpicRegions() {}

  private static final Map<String, Rir> AWS = Map.ofEntries(
      Map.entry("af-south-1", Rir.AFRINIC),
      Map.entry("ap-east-1", Rir.APNIC),
      Map.entry("ap-northeast-1", Rir.APNIC),
      Map.entry("ap-northeast-2", Rir.APNIC),
      Map.entry("ap-northeast-3", Rir.APNIC),
      Map.entry("ap-south-1", Rir.APNIC),
      Map.entry("ap-south-2", Rir.APNIC),
      Map.entry("ap-southeast-1", Rir.APNIC),
      Map.entry("ap-southeast-2", Rir.APNIC),
      Map.entry("ap-southeast-3", Rir.APNIC),
      Map.entry("ap-southeast-4", Rir.APNIC),
      Map.entry("ap-southeast-5", Rir.APNIC),
      Map.entry("ca-central-1", Rir.ARIN),
      Map.entry("ca-west-1", Rir.ARIN),
      Map.entry("eu-central-1", Rir.RIPE_NCC),
      Map.entry("eu-central-2", Rir.RIPE_NCC),
      Map.entry("eu-north-1", Rir.RIPE_NCC),
      Map.entry("eu-south-1", Rir.RIPE_NCC),
      Map.entry("eu-south-2", Rir.RIPE_NCC),
      Map.entry("eu-west-1", Rir.RIPE_NCC),
      Map.entry("eu-west-2", Rir.RIPE_NCC),
      Map.entry("eu-west-3", Rir.RIPE_NCC),
      Map.entry("il-central-1", Rir.RIPE_NCC),
      Map.entry("me-central-1", Rir.RIPE_NCC),
      Map.entry("me-south-1", Rir.RIPE_NCC),
      Map.entry("sa-east-1", Rir.LACNIC),
      Map.entry("us-east-1", Rir.ARIN),
      Map.entry("us-east-2", Rir.ARIN),
      Map.entry("us-west-1", Rir.ARIN),
      Map.entry("us-west-2", Rir.ARIN));

  /** The registry of the AWS region {@code code} (e.g. {@code eu-west-2}), if it is one. */
  public static Optional<Rir> awsRegion(String code) {
    return Optional.ofNullable(AWS.get(code));
  }
}
