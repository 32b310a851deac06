# Sourced by the bench scripts with `bench` set to the script's name: makes a scratch directory $tmp and, on exit
# (Ctrl+C included), stops every process whose PID is in `pids` or in a file $tmp/*.pid, then removes $tmp
# (KEEP=1 keeps it and says where).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rxlog-$bench.XXXXXX")
pids=()
cleanup() {
  local p f
  for f in "$tmp"/*.pid; do [ -s "$f" ] && pids+=("$(cat "$f")"); done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "# kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
