#!/usr/bin/env bash
# Runs each fuzz harness for a bounded time, starting from seeds made from fixtures/ and the
# committed seeds in fuzz/seeds. A finding stops the run with libFuzzer's report and exit 1;
# the input that caused it is saved in BUILD/fuzz-findings/.
#
#   fuzz/run.sh BUILD_DIR [SECONDS_EACH] [HARNESS...]     (BUILD_DIR configured with -DDRIFTCHECK_FUZZ=ON)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS_EACH] [HARNESS...]}" && pwd)
seconds=${2:-30}
shift $(( $# >= 2 ? 2 : 1 ))
harnesses=("$@")
[[ ${#harnesses[@]} -gt 0 ]] || harnesses=(proto_descriptor proto_source openapi_yaml openapi_json api_json config buf_config baseline)

corpus=$build/fuzz-corpus
findings=$build/fuzz-findings
mkdir -p "$findings"
sep=$'\n--8<--\n'

# seed HARNESS NAME OLD NEW: the two files joined as the harness cuts them.
seed() {
  local dir=$corpus/$1
  mkdir -p "$dir"
  { cat "$3"; printf '%s' "$sep"; cat "$4"; } > "$dir/$2"
}

make_seeds() {
  local f case
  for f in "$here"/fixtures/proto/*/old.pb; do
    case=$(basename "$(dirname "$f")")
    [[ -f ${f%old.pb}new.pb ]] && seed proto_descriptor "$case" "$f" "${f%old.pb}new.pb"
  done
  for f in "$here"/fixtures/proto/*/old/*.proto; do
    case=$(basename "$(dirname "$(dirname "$f")")")
    local new=${f/\/old\//\/new\/}
    [[ -f $new ]] && seed proto_source "$case-$(basename "$f" .proto)" "$f" "$new"
  done
  for f in "$here"/fixtures/openapi/*/old.yaml; do
    seed openapi_yaml "$(basename "$(dirname "$f")")" "$f" "${f%old.yaml}new.yaml"
  done
  mkdir -p "$corpus/config" "$corpus/buf_config"
  for f in $(find "$here/fixtures" -name driftcheck.yaml); do cp "$f" "$corpus/config/$(echo "$f" | md5sum | cut -c1-12)"; done
  for f in $(find "$here/fixtures" "$here/tests" -name buf.yaml -o -name buf.work.yaml); do
    cp "$f" "$corpus/buf_config/$(echo "$f" | md5sum | cut -c1-12)"
  done
  # C++ dumps: the first fixtures' headers through `driftcheck dump`.
  local n=0
  for f in "$here"/fixtures/cpp/*/old.h; do
    (( n++ < 24 )) || break
    case=$(basename "$(dirname "$f")")
    if "$build/driftcheck" dump "$f" -o "$build/seed-old.json" 2>/dev/null &&
       "$build/driftcheck" dump "${f%old.h}new.h" -o "$build/seed-new.json" 2>/dev/null; then
      seed api_json "$case" "$build/seed-old.json" "$build/seed-new.json"
    fi
  done
  rm -f "$build/seed-old.json" "$build/seed-new.json"
}

mkdir -p "$corpus"
make_seeds
status=0
for h in "${harnesses[@]}"; do
  dirs=("$corpus/$h")
  mkdir -p "$corpus/$h"
  [[ -d $here/fuzz/seeds/$h ]] && dirs+=("$here/fuzz/seeds/$h")
  [[ -d $here/fuzz/regressions/$h ]] && dirs+=("$here/fuzz/regressions/$h")
  dict=()
  [[ -f $here/fuzz/dictionaries/$h.dict ]] && dict=(-dict="$here/fuzz/dictionaries/$h.dict")
  echo "== fuzz $h: ${seconds}s"
  # 10 s and 2 GB per input; leaks count. New inputs go to the first (build) corpus folder.
  if ! "$build/fuzz/fuzz_$h" "${dirs[@]}" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
         -max_len=262144 -close_fd_mask=1 -print_final_stats=1 -artifact_prefix="$findings/$h-" \
         2> "$build/fuzz-$h.log"; then
    tail -60 "$build/fuzz-$h.log"
    echo "== fuzz $h: FINDING (input saved under $findings)"
    status=1
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$build/fuzz-$h.log" | tr '\n' ' '
    echo
  fi
done
exit $status
