#!/usr/bin/env bash
# Runs every jqwik fuzzing property (*FuzzTest: DomainName and the ICU4J IDNA oracle, the CAA
# parser, TXT value classification, CSV and JSON Lines batch input, root hints, trust-anchor
# files, DNS answers from a hostile server through the transport and the reply-reading code)
# with more generated inputs than mvn verify's 10,000 per property. The whole-inspection DNS
# property (cli HostileDnsFuzzTest) runs its fixed 500 inspections either way.
# Usage: scripts/fuzz.sh [tries per property, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
tries="${1:-1000000}"
mvn -B test -pl core,caa,dns,cli -am -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.tries="$tries"
