#!/usr/bin/env bash
# Runs driftcheck on every pair of the C/C++ development corpus (../shared/corpora/cpp-dev, its
# pairs.txt gives the flags and the headers to leave out) and writes, per pair, the text and
# JSON reports to tests/realworld/out/cpp-dev/<pair>.{txt,json}, then a table of finding counts
# by severity beside abi-compliance-checker's problem counts.
#
#   tests/realworld/cpp-dev.sh [PAIR-SUBSTRING]   (DRIFTCHECK_SHARED overrides ../shared,
#                                                  DRIFTCHECK_BUILD the build folder, default build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared=${DRIFTCHECK_SHARED:-$here/../shared}
build=${DRIFTCHECK_BUILD:-$here/build}
corpus="$shared/corpora/cpp-dev"
out="$here/tests/realworld/out/cpp-dev"
filter=${1:-}
[[ -f "$corpus/pairs.txt" ]] || { echo "cpp-dev: $corpus/pairs.txt not found" >&2; exit 2; }
command -v jq >/dev/null || { echo "cpp-dev: needs jq" >&2; exit 2; }
mkdir -p "$out"

printf '| pair | errors | warnings | info | ACC binary problems | ACC source problems |\n|---|---|---|---|---|---|\n' >"$out/table.md"
while IFS='|' read -r id lib old new lang flags defines skip; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  [[ -n "$filter" && "$id" != *"$filter"* ]] && continue
  config="$out/$id.yaml"
  {
    echo "inputs:"
    echo "  cpp:"
    echo "    exclude:"
    IFS=',' read -ra skipped <<<"$skip"
    for s in "${skipped[@]}"; do [[ -n "$s" ]] && echo "      - \"$s\""; done
    echo "      - \"driftcheck-no-such-header\""
  } >"$config"
  clang_flags=($flags)
  IFS=',' read -ra defs <<<"$defines"
  for d in "${defs[@]}"; do [[ -n "$d" ]] && clang_flags+=("-D$d"); done
  rc=0
  "$build/driftcheck" "$corpus/$old/include" "$corpus/$new/include" --config "$config" --format json \
    --output "$out/$id.json" -- "${clang_flags[@]}" 2>"$out/$id.err" || rc=$?
  "$build/driftcheck" "$corpus/$old/include" "$corpus/$new/include" --config "$config" --color never \
    -- "${clang_flags[@]}" >"$out/$id.txt" 2>>"$out/$id.err" || true
  if [[ $rc -gt 1 ]]; then
    echo "$id: exit $rc: $(head -1 "$out/$id.err")" >&2
    printf '| %s | exit %s | | | | |\n' "$id" "$rc" >>"$out/table.md"
    continue
  fi
  count() { jq "[.findings[] | select(.severity == \"$1\")] | length" "$out/$id.json"; }
  acc=$(awk -F'\t' -v id="$id" '$1 == id { print $4 " | " $7 }' "$corpus/peer-results/summary.tsv")
  printf '| %s | %s | %s | %s | %s |\n' "$id" "$(count error)" "$(count warning)" "$(count info)" "$acc" >>"$out/table.md"
done <"$corpus/pairs.txt"
cat "$out/table.md"
