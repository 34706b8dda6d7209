# Shared by the bench/*.sh scripts (sourced after they set `runs` and `out`).

# apt_install PACKAGE...: installs Debian packages (with sudo when not root).
apt_install() {
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# measure LABEL CMD... : runs CMD $runs times; sets MED_S and MED_MB (medians of wall time and
# peak RSS); keeps the last run's stdout and stderr in $out/LABEL.out and .err.
measure() {
  local label=$1; shift
  local times=() mems=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/$label.out" 2>"$out/$label.err" || true
    # GNU time writes "Command exited with non-zero status N" first when the command fails.
    read -r t m < <(tail -n 1 "$out/time.txt")
    times+=("$t"); mems+=("$m")
  done
  MED_S=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  MED_MB=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
}
