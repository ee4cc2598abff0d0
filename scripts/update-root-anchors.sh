#!/usr/bin/env bash
# Refreshes the root zone's DNSSEC trust anchors shipped in dvinspector-core
# (core/src/main/resources/org/dvinspector/root-anchors.zone) from IANA's root-anchors.xml
# (https://data.iana.org/root-anchors/root-anchors.xml, format: RFC 9718).
#
#   scripts/update-root-anchors.sh                 # downloads the XML, its S/MIME signature and
#                                                  # ICANN's CA bundle, checks the signature with
#                                                  # openssl, then writes the resource
#   ROOT_ANCHORS_XML=/path/root-anchors.xml scripts/update-root-anchors.sh
#                                                  # a copy you already checked yourself
#
# Do this when IANA publishes a new root key-signing key (a KSK rollover is announced years
# ahead). Every KeyDigest without a validUntil in the past becomes one DS line, with its id and
# validity in a comment. Then:
#   1. mvn -B test -pl dns -am -Dtest=RootTrustAnchorTest,TrustAnchorTest -Dsurefire.failIfNoSpecifiedTests=false
#      (RootTrustAnchorTest checks the shipped digests against the root's real DNSKEY RRset
#      captured in the test; after a rollover, capture the new RRset - `dig +dnssec . DNSKEY` -
#      into that test, and update TrustAnchorTest's expected lines);
#   2. add a CHANGELOG line naming the keys shipped.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$here/core/src/main/resources/org/dvinspector/root-anchors.zone"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -n "${ROOT_ANCHORS_XML:-}" ]]; then
  cp "$ROOT_ANCHORS_XML" "$work/root-anchors.xml"
  echo "update-root-anchors: using $ROOT_ANCHORS_XML (its signature is not checked here)"
else
  base="https://data.iana.org/root-anchors"
  curl -fsS --proto '=https' -o "$work/root-anchors.xml" "$base/root-anchors.xml"
  curl -fsS --proto '=https' -o "$work/root-anchors.p7s" "$base/root-anchors.p7s"
  curl -fsS --proto '=https' -o "$work/icannbundle.pem" "$base/icannbundle.pem"
  # The XML is signed (detached S/MIME, DER) by ICANN's CA: check it before trusting it.
  if ! openssl smime -verify -inform DER -binary -purpose any \
      -in "$work/root-anchors.p7s" -content "$work/root-anchors.xml" \
      -CAfile "$work/icannbundle.pem" -out /dev/null 2>"$work/verify.log"; then
    cat "$work/verify.log" >&2
    echo "update-root-anchors: the signature of root-anchors.xml does not verify; nothing written" >&2
    exit 1
  fi
fi

python3 - "$work/root-anchors.xml" "$target" <<'PY'
import datetime
import sys
import xml.etree.ElementTree as ET

src, target = sys.argv[1], sys.argv[2]
root = ET.parse(src).getroot()
if root.tag != "TrustAnchor":
    sys.exit("update-root-anchors: not a root-anchors.xml document")
zone = (root.findtext("Zone") or "").strip()
if zone != ".":
    sys.exit("update-root-anchors: the anchors are for %r, not the root" % zone)
now = datetime.datetime.now(datetime.timezone.utc)
lines = [
    "; DNSSEC trust anchors of the root zone, as DS records (RFC 4034 §5).",
    ";",
    "; Source: IANA, https://data.iana.org/root-anchors/root-anchors.xml (format: RFC 9718).",
    "; Written by scripts/update-root-anchors.sh; see that script to refresh this file when IANA",
    "; publishes a new root key-signing key. RootTrustAnchorTest checks each digest against the",
    "; key published in the root zone.",
]
count = 0
for kd in root.findall("KeyDigest"):
    until = kd.get("validUntil")
    if until and datetime.datetime.fromisoformat(until) <= now:
        continue  # retired (e.g. KSK-2010, 19036)
    tag = kd.findtext("KeyTag").strip()
    alg = kd.findtext("Algorithm").strip()
    dtype = kd.findtext("DigestType").strip()
    digest = "".join(kd.findtext("Digest").split()).upper()
    lines.append(";")
    lines.append("; KeyDigest id \"%s\", validFrom %s%s." % (
        kd.get("id"), kd.get("validFrom"), ", validUntil " + until if until else ""))
    lines.append(". IN DS %s %s %s %s" % (tag, alg, dtype, digest))
    count += 1
if count == 0:
    sys.exit("update-root-anchors: no current KeyDigest in the document")
with open(target, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print("update-root-anchors: wrote %d anchor(s) to %s" % (count, target))
PY
