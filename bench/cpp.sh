#!/usr/bin/env bash
# C++ headers benchmark: driftcheck against `abi-compliance-checker -headers-only` (Debian
# package) on the real header pairs in ../shared/corpora/cpp (leveldb v1.20 -> 1.23, yaml-cpp
# 0.6.3 -> 0.8.0). For each pair: median wall time and peak RSS over N runs of
#   - driftcheck OLD/include NEW/include -- -std=c++17
#   - driftcheck old.api.json NEW/include (the old side from `driftcheck dump`: one parse)
#   - cpp_parse_floor: the two libclang parses in parallel, nothing else
#   - abi-compliance-checker -headers-only with the corpus's descriptors
# then the finding counts and the ratios.
#
#   bench/cpp.sh [RUNS]      (default 5; DRIFTCHECK_SHARED overrides ../shared,
#                             DRIFTCHECK_BUILD the build directory, default build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
shared=${DRIFTCHECK_SHARED:-$here/../shared}
build=${DRIFTCHECK_BUILD:-$here/build}
corpus="$shared/corpora/cpp"
out="$here/bench/out/cpp"
[[ -d "$corpus" ]] || { echo "bench: $corpus not found" >&2; exit 2; }

source "$here/bench/common.sh"
"$here/ci/install-deps"
[[ -x /usr/bin/time ]] || apt_install time
command -v abi-compliance-checker >/dev/null || apt_install abi-compliance-checker
command -v jq >/dev/null || apt_install jq
mkdir -p "$out"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" driftcheck cpp_parse_floor >/dev/null


ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

printf '| pair | tool | median wall | peak RSS | findings |\n|---|---|---|---|---|\n' >"$out/table.md"
summary=()
for pair in "leveldb leveldb-v1.20 leveldb-1.23" "yaml yaml-cpp-0.6.3 yaml-cpp-0.8.0"; do
  read -r lib old new <<<"$pair"
  old_inc="$corpus/$old/include" new_inc="$corpus/$new/include"

  measure "$lib-driftcheck" "$build/driftcheck" "$old_inc" "$new_inc" --format json -- -std=c++17
  dc_s=$MED_S dc_mb=$MED_MB
  dc_n=$(jq '.findings | length' "$out/$lib-driftcheck.out")

  "$build/driftcheck" dump "$old_inc" -o "$out/$lib-old.api.json" -- -std=c++17
  measure "$lib-dump" "$build/driftcheck" "$out/$lib-old.api.json" "$new_inc" --format json -- -std=c++17
  dump_s=$MED_S dump_mb=$MED_MB
  dump_n=$(jq '.findings | length' "$out/$lib-dump.out")

  measure "$lib-floor" "$build/cpp_parse_floor" "$old_inc" "$new_inc" -std=c++17
  floor_s=$MED_S floor_mb=$MED_MB

  # abi-compliance-checker writes its report under the working folder: one folder per pair.
  work="$out/acc-$lib"
  rm -rf "$work" && mkdir -p "$work"
  for side in old new; do
    sed "s|CORPORA|$corpus|g" "$corpus/peer-results/$lib-$side.xml" >"$work/$side.xml"
  done
  measure "$lib-acc" bash -c "cd '$work' && rm -rf compat_reports logs && abi-compliance-checker -l $lib \
      -old old.xml -new new.xml -headers-only -report-format xml -quiet"
  acc_s=$MED_S acc_mb=$MED_MB
  report=$(find "$work/compat_reports" -name 'compat_report.xml' | head -n 1)
  acc_n=$(grep -c '<problem ' "$report" || true)

  {
    printf '| %s | driftcheck | %s s | %s MB | %s |\n' "$lib" "$dc_s" "$dc_mb" "$dc_n"
    printf '| %s | driftcheck, old side from api.json | %s s | %s MB | %s |\n' "$lib" "$dump_s" "$dump_mb" "$dump_n"
    printf '| %s | libclang parse of both sides in parallel (floor) | %s s | %s MB | - |\n' "$lib" "$floor_s" "$floor_mb"
    printf '| %s | abi-compliance-checker -headers-only | %s s | %s MB | %s problems |\n' "$lib" "$acc_s" "$acc_mb" "$acc_n"
  } >>"$out/table.md"
  summary+=("$lib: driftcheck $(ratio "$acc_s" "$dc_s")x faster than abi-compliance-checker, $(ratio "$dc_s" "$floor_s")x the parse floor; with api.json $(ratio "$acc_s" "$dump_s")x faster")
done
cat "$out/table.md"
echo
printf '%s\n' "${summary[@]}"
