# Sourced by the tools/ harnesses after `set -uo pipefail`, with `harness` set to the harness's name and the script's
# arguments passed on: resolves the binary ($1, default dist/rxlog) to an absolute path in $bin, checks for python3,
# and makes a scratch directory $work. On exit every process whose PID the harness put in `pids` is stopped (SIGTERM,
# then waited for) and $work removed. `fail MESSAGE` prints the harness's one FAIL line and exits 1; `free_port` prints
# a free TCP port on 127.0.0.1. Exits 2 when something is missing.
bin=${1:-dist/rxlog}
[ -x "$bin" ] || { echo "$harness: no executable at $bin (run ./publish.sh)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v python3 >/dev/null || { echo "$harness: python3 is needed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rxlog-$harness.XXXXXX")
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
