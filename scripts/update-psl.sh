#!/usr/bin/env bash
# Refreshes the Public Suffix List shipped in dvinspector-core from Debian's "publicsuffix"
# package (the maintained list from https://publicsuffix.org/, MPL-2.0).
#
#   scripts/update-psl.sh            # installs/updates the package with apt-get, then copies
#   PSL_FILE=/path/to/public_suffix_list.dat scripts/update-psl.sh   # use a copy you already have
#
# Then run `mvn -B -q -o install -pl core` (PublicSuffixListTest checks the new copy parses and
# still answers the known cases) and add a CHANGELOG line naming the new version.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="$here/core/src/main/resources/org/dvinspector/policy"
src="${PSL_FILE:-/usr/share/publicsuffix/public_suffix_list.dat}"

if [[ -z "${PSL_FILE:-}" ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq publicsuffix
  fi
  version="$(dpkg-query -W -f='${Version}' publicsuffix 2>/dev/null || echo unknown)"
  label="${version%%-*} (Debian publicsuffix ${version})"
else
  label="$(date -u -r "$src" +%Y%m%d.%H%M) (file $(basename "$src"))"
fi

if [[ ! -s "$src" ]]; then
  echo "update-psl: $src not found or empty" >&2
  exit 1
fi
if ! grep -q '===BEGIN ICANN DOMAINS===' "$src"; then
  echo "update-psl: $src has no ICANN section; is it the Public Suffix List?" >&2
  exit 1
fi

cp "$src" "$target_dir/public_suffix_list.dat"
cat > "$target_dir/public_suffix_list.properties" <<PROPS
# Which copy of the Public Suffix List is shipped in public_suffix_list.dat (written by
# scripts/update-psl.sh; do not edit by hand). The list is MPL-2.0, see its header.
version=$label
PROPS
echo "update-psl: shipped Public Suffix List $label"
