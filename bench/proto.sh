#!/usr/bin/env bash
# Protobuf benchmark: driftcheck against `buf breaking` (npm @bufbuild/buf, runs offline) and
# against the parse floor (libprotobuf parsing both descriptor sets, nothing else), on the
# googleapis corpora in ../shared/corpora/proto. Prints median wall time and peak RSS over N
# runs, finding counts, the ratios, and where driftcheck's findings differ from buf's.
#
#   bench/proto.sh [RUNS]        (default 5; DRIFTCHECK_SHARED overrides ../shared)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
shared=${DRIFTCHECK_SHARED:-$here/../shared}
corpus="$shared/corpora/proto"
out="$here/bench/out"
[[ -d "$corpus" ]] || { echo "bench: $corpus not found" >&2; exit 2; }

source "$here/bench/common.sh"
"$here/ci/install-deps"
[[ -x /usr/bin/time ]] || apt_install time
command -v npm >/dev/null || apt_install npm
mkdir -p "$out"
buf="$out/npm/node_modules/.bin/buf"
if [[ ! -x "$buf" ]]; then
  echo "bench: installing @bufbuild/buf@1.75.0 with npm" >&2
  npm install --silent --no-audit --no-fund --prefix "$out/npm" @bufbuild/buf@1.75.0 >/dev/null
fi
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$here/build" driftcheck parse_floor compare_findings >/dev/null


printf '\n%-8s %-10s %-12s %10s %9s %9s\n' pair category tool "median s" "RSS MB" findings
for pair in medium full; do
  if [[ $pair == full ]]; then old="$corpus/googleapis-old.pb"; new="$corpus/googleapis-new.pb"
  else old="$corpus/googleapis-medium-old.pb"; new="$corpus/googleapis-medium-new.pb"; fi
  ln -sf "$old" "$out/$pair-old.binpb"; ln -sf "$new" "$out/$pair-new.binpb"

  measure floor "$here/build/parse_floor" "$old" "$new"
  floor_s=$MED_S
  printf '%-8s %-10s %-12s %10s %9s %9s\n' "$pair" - "parse floor" "$MED_S" "$MED_MB" -
  for category in FILE WIRE_JSON; do
    config="{\"version\":\"v2\",\"breaking\":{\"use\":[\"$category\"]}}"
    measure "dc-$pair-$category" "$here/build/driftcheck" "$old" "$new" --category "$category" --format json
    dc_s=$MED_S; dc_mb=$MED_MB
    dc_n=$(grep -c '"rule":' "$out/dc-$pair-$category.out" || true)
    printf '%-8s %-10s %-12s %10s %9s %9s\n' "$pair" "$category" driftcheck "$dc_s" "$dc_mb" "$dc_n"
    measure "buf-$pair-$category" "$buf" breaking "$out/$pair-new.binpb" --against "$out/$pair-old.binpb" \
      --config "$config" --error-format json
    buf_n=$(grep -c '"type":' "$out/buf-$pair-$category.out" || true)
    printf '%-8s %-10s %-12s %10s %9s %9s\n' "$pair" "$category" buf "$MED_S" "$MED_MB" "$buf_n"
    awk -v d="$dc_s" -v b="$MED_S" -v f="$floor_s" \
      'BEGIN {printf "         %-10s ratio      driftcheck/buf %.3f (%.1fx faster), driftcheck/parse floor %.2f\n", "", d/b, b/d, d/f}'
    "$here/build/compare_findings" "$out/dc-$pair-$category.out" "$out/buf-$pair-$category.out" \
      >"$out/diff-$pair-$category.txt" || true
    tail -n 1 "$out/diff-$pair-$category.txt"
  done
done
echo
echo "Differences in detail: $out/diff-*.txt"
