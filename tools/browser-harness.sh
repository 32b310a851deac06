#!/usr/bin/env bash
# Browser harness (issue 22): the web dashboard of `--listen` in a real headless Chromium (Debian's
# chromium-headless-shell or chromium), driven over its DevTools protocol by tools/browser_check.py.
#   tools/browser-harness.sh [BINARY] [ARTIFACTS]    BINARY defaults to dist/rxlog, ARTIFACTS to artifacts/ (the
#                                                    phone and desktop screenshots)
set -uo pipefail
bin=${1:-dist/rxlog}
artifacts=${2:-artifacts}
[ -x "$bin" ] || { echo "browser-harness: no executable at $bin (run ./publish.sh)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "browser-harness: python3 is needed" >&2; exit 2; }
chromium=$(command -v chromium-headless-shell || command -v chromium || true)
[ -n "$chromium" ] || { echo "browser-harness: chromium-headless-shell or chromium is needed" >&2; exit 2; }
exec python3 "$(dirname "$0")/browser_check.py" "$bin" "$artifacts" "$chromium"
