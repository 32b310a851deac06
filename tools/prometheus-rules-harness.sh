#!/usr/bin/env bash
# Prometheus rules harness (issue 19, part 4): does Prometheus's own tool take what `rxlog rules prometheus` writes,
# and do the exported rules fire when rxlog's would?
#   tools/prometheus-rules-harness.sh [BINARY]   BINARY defaults to dist/rxlog; needs python3 and promtool (Debian:
#                                                 apt-get install -y prometheus)
# 1. `BINARY rules prometheus examples/rules.yaml` and `BINARY rules prometheus -t 2.5 -w 90s` (the built-in rule
#    alone): exit 0, nothing on stderr, and `promtool check rules` exits 0 on each.
# 2. `BINARY rules prometheus tools/prometheus/kinds.yaml` (every kind, and every scope the metrics cannot express):
#    exit 0, one stderr line per rule left out, `promtool check rules` exits 0; then `promtool test rules` runs
#    tools/prometheus/rules-test.yaml (copied beside the export, which it names as kinds.yml): synthetic scrapes of
#    two hosts under which each exported kind fires at the expected time and not otherwise.
# Prints PASS or FAIL on its last line.
set -uo pipefail
harness=prometheus-rules-harness
. "$(dirname "$0")/harness-common.sh"
command -v promtool >/dev/null || { echo "$harness: promtool is needed" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)

export_rules() {  # export_rules NAME ARGS…: BINARY rules prometheus ARGS… > $work/NAME.yml, 2> $work/NAME.err; exit 0
  local name=$1; shift
  "$bin" rules prometheus "$@" >"$work/$name.yml" 2>"$work/$name.err"; local code=$?
  [ "$code" = 0 ] || fail "rules prometheus $* exited $code: $(head -3 "$work/$name.err")"
}
check_rules() {  # check_rules NAME COUNT: promtool check rules accepts $work/NAME.yml and finds COUNT rules
  local said
  said=$(promtool check rules "$work/$1.yml" 2>&1) || fail "promtool check rules on $1.yml: $said"
  grep -q "SUCCESS: $2 rules found" <<<"$said" || fail "promtool found other than $2 rules in $1.yml: $said"
}

export_rules examples "$repo/examples/rules.yaml"
[ -s "$work/examples.err" ] && fail "examples/rules.yaml: unexpected stderr: $(head -3 "$work/examples.err")"
check_rules examples 4

export_rules builtin --threshold 2.5 --window 90s
[ -s "$work/builtin.err" ] && fail "built-in rule: unexpected stderr: $(head -3 "$work/builtin.err")"
check_rules builtin 1
grep -qF 'expr: "sum(rate(rxlog_requests_total[1m30s])) > 2.5"' "$work/builtin.yml" \
  || fail "built-in rule: not the expected expression: $(grep expr "$work/builtin.yml")"

export_rules kinds "$repo/tools/prometheus/kinds.yaml"
skipped=$(grep -c 'not expressible in Prometheus' "$work/kinds.err")
[ "$skipped" = 6 ] && [ "$(wc -l <"$work/kinds.err")" = 6 ] || fail "kinds.yaml: expected 6 stderr lines on rules left out: $(cat "$work/kinds.err")"
check_rules kinds 10

cp "$repo/tools/prometheus/rules-test.yaml" "$work/"
tested=$(cd "$work" && promtool test rules rules-test.yaml 2>&1) || fail "promtool test rules: $tested"

echo "PASS: promtool check rules takes the export of examples/rules.yaml (4 rules), the built-in rule (1) and kinds.yaml (10, 6 left out); promtool test rules: rate, section rate, ratio, latency and silence fire when expected"
