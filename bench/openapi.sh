#!/usr/bin/env bash
# OpenAPI benchmark: driftcheck against api-smart-diff (npm, a JS library; bench/api_smart_diff.js
# calls its apiCompare) on the large real specs in ../shared/corpora/openapi (GitHub, Stripe,
# Kubernetes, each at two dates). Prints median wall time and peak RSS over N runs, the finding
# counts and the speed ratio. `build/openapi_floor OLD NEW --timings` shows where driftcheck's
# time goes (load of each side, match, each check function).
#
#   bench/openapi.sh [RUNS]      (default 5; DRIFTCHECK_SHARED overrides ../shared,
#                                 DRIFTCHECK_BUILD the build directory, default build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
shared=${DRIFTCHECK_SHARED:-$here/../shared}
build=${DRIFTCHECK_BUILD:-$here/build}
corpus="$shared/corpora/openapi"
out="$here/bench/out"
[[ -d "$corpus" ]] || { echo "bench: $corpus not found" >&2; exit 2; }

source "$here/bench/common.sh"
"$here/ci/install-deps"
[[ -x /usr/bin/time ]] || apt_install time
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
mkdir -p "$out"
modules="$out/npm-openapi/node_modules"
if [[ ! -d "$modules/api-smart-diff" || ! -d "$modules/js-yaml" ]]; then
  echo "bench: installing api-smart-diff@1.0.6 and js-yaml@4.3.2 with npm" >&2
  npm install --silent --no-audit --no-fund --prefix "$out/npm-openapi" api-smart-diff@1.0.6 js-yaml@4.3.2 >/dev/null
fi
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" driftcheck openapi_floor >/dev/null


printf '\n%-11s %-15s %10s %9s %9s\n' pair tool "median s" "RSS MB" findings
for pair in github:github-api-2021-01-05:github-api-2021-10-10 \
            stripe:stripe-spec3-2021-04-21:stripe-spec3-2022-04-12 \
            kubernetes:kubernetes-swagger-2024-05-21:kubernetes-swagger-2025-05-26; do
  IFS=: read -r name old new <<<"$pair"
  old="$corpus/$old.json"; new="$corpus/$new.json"

  measure "dc-$name" "$build/driftcheck" "$old" "$new" --format json --min-level info
  dc_n=$(grep -c '"rule":' "$out/dc-$name.out" || true)
  dc_s=$MED_S
  printf '%-11s %-15s %10s %9s %9s\n' "$name" driftcheck "$dc_s" "$MED_MB" "$dc_n"

  measure "asd-$name" env NODE_PATH="$modules" node --max-old-space-size=8192 "$here/bench/api_smart_diff.js" "$old" "$new"
  asd_n=$(awk 'NR == 1 {print $1}' "$out/asd-$name.out")
  printf '%-11s %-15s %10s %9s %9s\n' "$name" api-smart-diff "$MED_S" "$MED_MB" "${asd_n:-failed}"
  awk -v d="$dc_s" -v a="$MED_S" \
    'BEGIN {printf "%-11s ratio           driftcheck/api-smart-diff %.3f (%.1fx faster)\n", "", d/a, a/d}'
done
echo
echo "Outputs: $out/dc-*.out (driftcheck), $out/asd-*.out (api-smart-diff changes by type)"
