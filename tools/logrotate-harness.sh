#!/usr/bin/env bash
# logrotate harness (issue 17): does `rxlog watch` count every line once when the real logrotate rotates under a writer?
#   tools/logrotate-harness.sh [BINARY]       BINARY defaults to dist/rxlog (build it with ./publish.sh); needs logrotate
#                                             (Debian: apt-get install -y logrotate) and python3
#   MODES="copytruncate" TAIL=0 tools/logrotate-harness.sh   a subset of the modes; TAIL=0 leaves out GNU tail -F
#
# For each mode, twice (inotify, the default, and RXLOG_POLL_ONLY=1: polling every 0.25 s alone, which leaves lines
# written after a poll to be read from logrotate's copy), in a directory of its own, all at once:
# `BINARY watch access.log --json --top 100000` is started
# before the log exists, then a writer (python3) appends numbered Common Log Format lines (path /l<i>/x, so that each line
# is a section of its own and the reports say which lines were counted how often) to access.log at 100 a second,
# O_APPEND, without a pause, for 7 s, while `logrotate -f -s STATE CONF` (its own config and state file, forced) rotates the
# log four times, 1.5 s apart. The modes (the logrotate directives):
#   create          create; a postrotate script sends the writer SIGHUP and it reopens access.log, as a daemon would
#   copytruncate    copytruncate
#   delaycompress   copytruncate compress delaycompress
#   compress        copytruncate compress (the copy is gzipped, and the plain copy removed, at once)
#   dateext         copytruncate dateext dateformat -%s (four rotations, four names: access.log-<epoch seconds>)
# One second after the writer stops, SIGTERM. Each mode passes when the exit code is 143, invalid is 0, and every line is
# counted exactly once: each line on disk (every access.log* of the directory, decompressed) is counted once, no line is
# counted twice, the reports' sections add up to the summary's hits, and those are the lines on disk plus the "live-only"
# ones. A line written between logrotate's copy and its truncation is in neither file: it is on no disk, and a reader counts
# it only if it read the file in those few milliseconds (rxlog, woken by inotify, sometimes does: "live-only"); so hits are
# the lines on disk exactly when live-only is 0, and "written" shows how many lines the writer wrote.
#
# GNU tail runs through the copytruncate mode too, for comparison, at its best (the file exists when it starts), twice:
# `tail -F -n +1 access.log` (inotify) and `tail -F -s 0.25 ---disable-inotify -n +1 access.log` (polling, as often as
# rxlog): the distinct /l<i>/ lines it printed, and duplicates. Prints one line per run, then one verdict line; exits 1
# when rxlog fails in any of them.
set -uo pipefail

harness=logrotate-harness
. "$(dirname "$0")/harness-common.sh"
logrotate=$(command -v logrotate || command -v /usr/sbin/logrotate || true)
[ -n "$logrotate" ] || { echo "$harness: logrotate is needed (apt-get install -y logrotate)" >&2; exit 2; }

python=$(python3 -c 'import sys; print(sys.executable)')   # not a pyenv shim: no seconds of start-up under load
modes=${MODES:-create copytruncate delaycompress compress dateext}
rotations=4 spacing=1.5 seconds=7 rate=100

directives() {
    case $1 in
        create)        printf 'create\npostrotate\n    kill -HUP "$(cat %s/writer.pid)"\nendscript\n' "$2" ;;
        copytruncate)  echo copytruncate ;;
        delaycompress) printf 'copytruncate\ncompress\ndelaycompress\n' ;;
        compress)      printf 'copytruncate\ncompress\n' ;;
        dateext)       printf 'copytruncate\ndateext\ndateformat -%%s\n' ;;
        *)             echo "$harness: unknown mode $1" >&2; return 1 ;;
    esac
}

# The writer: appends to $1/access.log at $rate lines/s for $seconds s, reopening on SIGHUP; writes its pid to
# $1/writer.pid first and the number of lines it wrote to $1/written last.
writer() {
    "$python" - "$1" "$rate" "$seconds" <<'PY'
import os, signal, sys, time
d, rate, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
log = os.path.join(d, "access.log")
with open(os.path.join(d, "writer.pid"), "w") as f: f.write(str(os.getpid()))
reopen = False
def hup(*_):
    global reopen
    reopen = True
signal.signal(signal.SIGHUP, hup)
def open_log(): return os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
fd = open_log()
start = time.monotonic()
n = 0
while n < rate * seconds:
    if reopen:
        reopen = False
        os.close(fd); fd = open_log()
    n += 1
    now = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
    os.write(fd, f'10.0.{n // 250 % 250}.{n % 250} - - [{now}] "GET /l{n}/x HTTP/1.1" 200 {100 + n}\n'.encode())
    delay = start + n / rate - time.monotonic()   # on schedule: no pause, no drift
    if delay > 0: time.sleep(delay)
os.close(fd)
with open(os.path.join(d, "written"), "w") as f: f.write(str(n))
PY
}

# The numbers of the lines in every access.log* of directory $1, decompressed, one a line.
disk_lines() { (cd "$1" && for f in access.log*; do gzip -dcf "$f"; done) | grep -o ' /l[0-9]*/' | tr -dc '0-9\n'; }

# rxlog's verdict for directory $1 and exit code $2: "ok|FAIL hits H, on disk D, written W, live-only L, doubled X,
# missing M, invalid I, exit C".
check_rxlog() {
    disk_lines "$1" >"$1/disk.txt"
    "$python" - "$1" "$2" <<'PY'
import collections, json, os, sys
d, code = sys.argv[1], sys.argv[2]
counted, summary = collections.Counter(), {}
for line in open(os.path.join(d, "out.jsonl")):
    event = json.loads(line)
    if event.get("type") == "report":
        for s in event["sections"]: counted[int(s["section"][2:])] += s["hits"]
    elif event.get("type") == "summary":
        summary = event
disk = collections.Counter(int(x) for x in open(os.path.join(d, "disk.txt")) if x.strip())
written = int(open(os.path.join(d, "written")).read())
hits, invalid = summary.get("hits", -1), summary.get("invalid", -1)
doubled = sum(1 for n, c in counted.items() if c > 1) + sum(1 for n, c in disk.items() if c > 1)
missing = sum(1 for n in disk if n not in counted)
live_only = sum(1 for n in counted if n not in disk and 1 <= n <= written)
strangers = sum(1 for n in counted if n not in disk and not 1 <= n <= written)
good = (code == "143" and invalid == 0 and doubled == 0 and missing == 0 and strangers == 0
        and hits == sum(counted.values()) == len(disk) + live_only)
print(f"{'ok' if good else 'FAIL'} hits {hits}, on disk {len(disk)}, written {written}, live-only {live_only}, "
      f"doubled {doubled}, missing {missing}, invalid {invalid}, exit {code}")
PY
}

# run MODE READER: READER is rxlog, rxlog-poll, tail or tail-poll; leaves rxlog's verdict (check_rxlog) or tail's
# "distinct doubled" in DIR/result.
run() {
    local mode=$1 reader=$2 dir=$work/$1-$2 pid
    mkdir "$dir"
    { echo "$dir/access.log {"; echo "rotate 20"; echo "missingok"; directives "$mode" "$dir"; echo "}"; } >"$dir/logrotate.conf"
    local poll_only=0 tail_poll=()
    [ "$reader" = rxlog-poll ] && poll_only=1
    [ "$reader" = tail-poll ] && tail_poll=(-s 0.25 ---disable-inotify)
    if [[ $reader == rxlog* ]]; then
        ( cd "$dir" && RXLOG_POLL_ONLY=$poll_only exec "$bin" watch access.log --json --top 100000 >out.jsonl 2>err.txt ) &
        pid=$!
        for _ in $(seq 100); do grep -q waiting "$dir/err.txt" 2>/dev/null && break; sleep 0.1; done
    else
        : >"$dir/access.log"   # tail -F at its best: the file is there when it starts
        ( cd "$dir" && exec tail -F "${tail_poll[@]}" -n +1 access.log >out.txt 2>err.txt ) & pid=$!
        sleep 0.5
    fi
    writer "$dir" & local wr=$!
    for _ in $(seq 300); do [ -e "$dir/writer.pid" ] && break; sleep 0.1; done   # the rotations' clock starts with it
    local start; start=$(date +%s.%N)
    for k in $(seq "$rotations"); do
        sleep "$(awk -v s="$start" -v k="$k" -v d="$spacing" -v now="$(date +%s.%N)" 'BEGIN { w = s + k * d - now; print (w > 0 ? w : 0) }')"
        "$logrotate" -v -f -s "$dir/state" "$dir/logrotate.conf" >>"$dir/logrotate.log" 2>&1 || echo "logrotate failed: $(tail -1 "$dir/logrotate.log")" >>"$dir/logrotate.err"
    done
    wait "$wr"
    sleep 1
    kill -TERM "$pid"; wait "$pid"; local code=$?
    if [[ $reader == rxlog* ]]; then
        check_rxlog "$dir" "$code" >"$dir/result"
    else
        local got dup
        got=$(grep -o ' /l[0-9]*/' "$dir/out.txt" | sort -u | wc -l)
        dup=$(grep -o ' /l[0-9]*/' "$dir/out.txt" | sort | uniq -d | wc -l)
        echo "$got $dup" >"$dir/result"
    fi
}

jobs=() runs=()
for mode in $modes; do
    directives "$mode" x >/dev/null || exit 2
    for reader in rxlog rxlog-poll; do run "$mode" "$reader" & jobs+=($!); runs+=("$mode-$reader"); done
done
tails=()
if [ "${TAIL:-1}" = 1 ] && tail --version 2>/dev/null | grep -q GNU && [[ " $modes " == *" copytruncate "* ]]; then
    for reader in tail tail-poll; do run copytruncate "$reader" & jobs+=($!); tails+=("$reader"); done
fi
wait "${jobs[@]}"

failed=0 summary=()
for run in "${runs[@]}"; do
    dir=$work/$run mode=${run%-rxlog*}; [[ $run == *-poll ]] && mode="$mode (polling)"
    read -r verdict result <"$dir/result"
    files=$(cd "$dir" && ls access.log* | tr '\n' ' ')
    copies=$(grep -c 'read from' "$dir/err.txt")
    rotated=$(grep -c '^rotating pattern' "$dir/logrotate.log")
    line="$mode: $result; $rotated rotations, $copies read on from the copy; files: $files"
    if [ -s "$dir/logrotate.err" ]; then line="$line; logrotate: $(tr '\n' ' ' <"$dir/logrotate.err" | head -c 300)"; fi
    hits=${result#hits }; hits=${hits%%,*}; disk=${result#*on disk }; disk=${disk%%,*}
    if [ "$verdict" = ok ] && [ "$rotated" = "$rotations" ] && [ ! -s "$dir/logrotate.err" ]; then
        echo "ok   $line"; summary+=("$mode $hits/$disk")
    else
        echo "FAIL $line"; failed=1; summary+=("$mode $hits/$disk FAILED")
        echo "--- rxlog stderr ($mode):"; head -20 "$dir/err.txt"
    fi
done
tail_verdict=""
for reader in "${tails[@]}"; do
    dir=$work/copytruncate-$reader
    read -r got dup <"$dir/result"
    disk=$(disk_lines "$dir" | sort -u | wc -l)
    name="tail -F"; [ "$reader" = tail-poll ] && name="tail -F (polling)"
    tail_verdict="$tail_verdict | $name, copytruncate: $got of $disk on disk ($(cat "$dir/written") written), $dup doubled"
    echo "     copytruncate, $name: received $got distinct lines, on disk $disk, written $(cat "$dir/written"), doubled $dup"
done
[ "$failed" = 0 ] && echo "PASS every line once (hits/on disk): ${summary[*]}$tail_verdict" && exit 0
echo "FAIL ${summary[*]}$tail_verdict"
exit 1
