#!/usr/bin/env bash
# Runs the hostile-server battery (every *BatteryTest of the cli module: hostile web servers and
# hostile DNS servers) and prints its counts, one line per half: cases, hangs past the deadline,
# escaping exceptions, wrong verdicts, unescaped output, SSRF attempts (and cases disabled for a
# known bug outside the battery). Each DNS case's report is kept in
# cli/target/hostile-battery/dns/<case>.txt. Exit status: Maven's.
# Usage: scripts/hostile-battery.sh [extra Maven arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf cli/target/hostile-battery
log=$(mktemp -t hostile-battery.XXXXXX.log)
mvn -B test -pl cli -am -Dtest='*BatteryTest' -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  >"$log" 2>&1
status=$?
if ls cli/target/hostile-battery/*.txt >/dev/null 2>&1; then
  cat cli/target/hostile-battery/*.txt
else
  echo "hostile battery: no counts written; see $log" >&2
fi
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]' "$log" | head -20 >&2
  echo "hostile battery: Maven failed (exit $status); full log: $log" >&2
fi
exit "$status"
