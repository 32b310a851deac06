# Sourced by the tools/ harnesses after `set -uo pipefail`, with `harness` set to the harness's name and the script's
# arguments passed on: resolves the binary ($1, default dist/rxlog) to an absolute path in $bin, checks for python3,
# and makes a scratch directory $work that is removed on exit. Exits 2 when something is missing.
bin=${1:-dist/rxlog}
[ -x "$bin" ] || { echo "$harness: no executable at $bin (run ./publish.sh)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v python3 >/dev/null || { echo "$harness: python3 is needed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/rxlog-$harness.XXXXXX")
trap 'rm -rf "$work"' EXIT
