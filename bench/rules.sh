#!/usr/bin/env bash
# What 20 rules cost (issue 18): `check` of a busy 2M-line combined log with the built-in rule alone, with 20 scoped
# rules, and with 20 unscoped rules, in one hyperfine batch.
#   bench/rules.sh [OLD_BINARY]
# Runs (all `check LOG --threshold 1000000 --json`, stdout discarded):
#   builtin    no --rules: the built-in high_traffic rule alone
#   scoped     --rules BENCH_DIR/rules-20-scoped.yaml: 8 rate rules by section (exact and globs), 4 ratio rules on
#              5xx/4xx/404 (min_hits 100), 4 silence rules on sections, 2 rate rules by client glob, 2 unscoped rate
#              rules; scoped rules look at each record, once for all of them, on the parsing workers
#   unscoped   --rules BENCH_DIR/rules-20-unscoped.yaml: 20 rate rules with no scope, which cost only per second
#   old        with OLD_BINARY, its builtin run (the binary before rules)
# The log is BENCH_DIR/combined-2000000.log (`rxlog generate --lines 2000000 --rate 1000`, kept for reuse). Both rule
# files are written to BENCH_DIR and must pass `rxlog rules check`.
# Prints per run: median seconds and mean user CPU (hyperfine), the ratio to builtin, peak RSS (/usr/bin/time, the
# median of 3) and the summary's alert count. Each of the 3 RSS runs keeps its stdout and must report the summary's
# hits equal to `wc -l` of the log (hyperfine's timed runs discard stdout, so they are not checked).
# Env: RXLOG (default dist/rxlog), BENCH_DIR (default ${TMPDIR:-/tmp}/rxlog-bench), RUNS (default 5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rxlog=${RXLOG:-$here/../dist/rxlog}
old=${1:-}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/rxlog-bench}
runs=${RUNS:-5}
mkdir -p "$dir"
[ -x "$rxlog" ] || "$here/../publish.sh" "$here/../dist" >&2
command -v hyperfine >/dev/null || { echo "rules.sh: needs hyperfine" >&2; exit 2; }
[ -z "$old" ] || [ -x "$old" ] || { echo "rules.sh: $old is not an executable" >&2; exit 2; }

log=$dir/combined-2000000.log
if [ ! -s "$log" ]; then
  echo "generating $log" >&2
  "$rxlog" generate --lines 2000000 --rate 1000 --output-format combined -o "$log.part"
  mv "$log.part" "$log"
fi
lines=$(wc -l < "$log")

# Thresholds sit just above each scope's mean (the log spans 2,000 s at ~1,000 hits/s: /api ~322/s, /static ~162/s,
# /pages ~81/s, /blog ~65/s, /login ~54/s, /images ~40/s, /cart ~29/s, /admin ~27/s; clients 126.66.* ~157/s,
# crawl-*.googlebot.com ~52/s; 5xx 2.5 %, 4xx 5 %), so rules raise and recover now and then while the silence rules
# never fire (~330 alerts in all). The unscoped rules, 1002-1011/s over 10 s to 1 h, raise about as often (~520
# alerts), so both runs write about as many events.
scoped=$dir/rules-20-scoped.yaml
cat > "$scoped" <<'EOF'
# bench/rules.sh: 20 rules, 18 of them scoped (each record is looked at once for all of them)
rules:
  - {name: api_hot, rate: 325, window: 1m, section: /api}
  - {name: a_star_hot, rate: 351, section: "/a*"}              # /api and /admin
  - {name: static_hot, rate: 164, window: 30s, section: /static}
  - {name: pages_hot, rate: 81.5, section: /pages}
  - {name: blog_hot, rate: 65, window: 5m, section: /blog}
  - {name: login_flood, rate: 54.5, window: 1m, section: /login}
  - {name: images_hot, rate: 41, section: "/im*"}
  - {name: c_star_hot, rate: 30, window: 1m, section: "/c*"}  # /cart
  - {name: server_errors, ratio: 3%, status: 5xx, min_hits: 100, for: 30s}
  - {name: api_5xx, ratio: 3.5%, status: 5xx, section: /api, min_hits: 100}
  - {name: client_errors, ratio: 5.5%, status: 4xx, min_hits: 100}
  - {name: not_found, ratio: 5.3%, status: 404, window: 5m, min_hits: 100}
  - {name: cart_quiet, silence: 1m, section: /cart}
  - {name: login_quiet, silence: 30s, section: /login}
  - {name: admin_quiet, silence: 2m, section: /admin}
  - {name: docs_quiet, silence: 1m, section: /docs}
  - {name: top_client_hot, rate: 159, window: 1m, client: "126.66.*"}
  - {name: crawler_hot, rate: 53, client: "crawl-*.googlebot.com"}
  - {name: site_burst, rate: 1010, window: 10s}
  - {name: site_sustained, rate: 1002, window: 10m}
EOF
unscoped=$dir/rules-20-unscoped.yaml
{
  echo "# bench/rules.sh: 20 rate rules with no scope (each costs only per second)"
  echo "rules:"
  w=(10s 20s 30s 45s 1m 90s 2m 3m 5m 10m 15m 30m 1h 10s 30s 1m 2m 5m 10m 1h)
  for i in $(seq 0 19); do
    echo "  - {name: site_rate_$((i + 1)), rate: $((1002 + i % 10)), window: ${w[$i]}}"
  done
} > "$unscoped"
for f in "$scoped" "$unscoped"; do "$rxlog" rules check "$f" >/dev/null; done
cat "$log" >/dev/null

names=(builtin scoped unscoped); cmds=(
  "$rxlog check $log --threshold 1000000 --json"
  "$rxlog check $log --threshold 1000000 --json --rules $scoped"
  "$rxlog check $log --threshold 1000000 --json --rules $unscoped")
if [ -n "$old" ]; then names+=(old); cmds+=("$old check $log --threshold 1000000 --json"); fi
hf=()
for i in "${!names[@]}"; do hf+=(-n "${names[$i]}" "${cmds[$i]}"); done
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(uname -srm)  nproc=$(nproc)  runs=$runs  log=$log ($lines lines)"
hyperfine -N -i --output=null --warmup 1 --runs "$runs" --export-json "$dir/rules-hf.json" "${hf[@]}" >&2

out=$(mktemp "$dir/rules-out.XXXXXX"); trap 'rm -f "$out" "$out.rss"' EXIT
rss=(); alerts=()
for i in "${!names[@]}"; do   # 3 runs each: peak RSS (KiB), and the summary's hits must be the log's line count
  m=()
  for _ in 1 2 3; do
    # shellcheck disable=SC2086  # the command lines hold no spaces but the separators
    /usr/bin/time -f %M -o "$out.rss" ${cmds[$i]} >"$out" 2>/dev/null || true   # check exits 1 when a rule fired
    m+=("$(tail -1 "$out.rss")")
    read -r hits a < <(tail -1 "$out" | python3 -c \
      'import json,sys; d=json.load(sys.stdin); assert d["type"]=="summary"; print(d["hits"], d["alerts"])')
    [ "$hits" = "$lines" ] || { echo "rules.sh: ${names[$i]}: summary hits $hits, log has $lines lines" >&2; exit 1; }
  done
  rss+=("$(printf '%s\n' "${m[@]}" | sort -n | sed -n 2p)"); alerts+=("$a")
done

printf '%-9s %9s %7s %7s %9s %7s\n' run median_s user_s ratio rss_MiB alerts
for i in "${!names[@]}"; do
  python3 - "$dir/rules-hf.json" "$i" "${rss[$i]}" "${alerts[$i]}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
i, rss, alerts = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print("%-9s %9.3f %7.3f %7.2f %9.1f %7s" % (r[i]["command"], r[i]["median"], r[i]["user"],
                                            r[i]["median"] / r[0]["median"], rss / 1024, alerts))
PY
done
echo "# summary hits = $lines (wc -l) in all $((3 * ${#names[@]})) RSS runs"
