#!/usr/bin/env bash
# Rotation harness (issue 5): does `rxlog watch` count every line once through everything logrotate does?
#   tools/rotation-harness.sh [BINARY]        BINARY defaults to dist/rxlog (build it with ./publish.sh)
#
# In a temp dir, starts `BINARY watch app.log --json` before app.log exists, then a writer (python3) appends numbered
# Common Log Format lines (path /n/<i>) about 50 a second while it rotates the file every way, one after the other:
#   1. late creation        app.log appears after the watcher started (so it is read from its start; no --from-start)
#   2. rename rotation      mv app.log app.log.1, a new app.log is created, and the writer goes on appending to the OLD
#                           file through its old descriptor for a while (~0.6 s, over several polls) before reopening
#   3. copytruncate         cp app.log app.log.2 then truncate app.log in place; the writer keeps its O_APPEND descriptor
#   4. copytruncate, hole   the same, under a writer WITHOUT O_APPEND: it writes on at its old offset, leaving a
#                           zero-filled hole before its next line
#   5. delete + re-create   rm app.log, the writer appends a few lines to the deleted file, then creates app.log anew
#   6. split line           half a line, a pause of 0.6 s (over two polls), then the rest
# Then it waits 1.5 s, sends SIGTERM and checks: exit code 143, and the summary's hits == lines written, invalid == 0.
#
# copytruncate has a race no reader can win: lines written between the copy and the truncation are in the copy, and gone
# from app.log before anyone reads them (GNU tail -F and logrotate's own docs say the same). So the writer pauses around
# that step (1.5 s before the copy, 1.5 s after the truncation), as it would have to for any tool. 1.5 s, because GNU
# tail -F takes about a second to move to a file that replaced the one it follows (it rechecks the name once the old
# file is idle); with 0.6 s it loses the lines written to the new file before the copy, rxlog (0.5-0.75 s) does not.
# Nothing else pauses for the reader's sake: the old-descriptor writes in step 2 and the deleted-file writes in step 5
# are not waited for.
#
# The same writer then runs against GNU `tail -F` (polling every 0.25 s, like rxlog), counting distinct /n/<i> lines
# received and duplicates, to show the harness is fair. Prints one verdict line; exits 1 when rxlog fails.
set -uo pipefail

harness=rotation-harness
. "$(dirname "$0")/harness-common.sh"

# The writer: runs the rotation sequence in directory $1, prints how many lines it wrote.
writer() {
    python3 - "$1" <<'PY'
import os, sys, time
d = sys.argv[1]
log = os.path.join(d, "app.log")
n = 0

def line():
    global n
    n += 1
    now = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
    return f'10.0.0.{n % 250} - - [{now}] "GET /n/{n} HTTP/1.1" 200 {100 + n}\n'.encode()

def write(fd, count, pause=0.02):
    for _ in range(count):
        os.write(fd, line())
        time.sleep(pause)

def open_append(): return os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

time.sleep(0.8)
# 1. late creation
fd = open_append()
write(fd, 25)
# 2. rename rotation; the writer still holds the old descriptor for a while
os.rename(log, log + ".1")
new = open_append()                       # logrotate's "create"
write(fd, 30)                             # ~0.6 s more into the renamed file, over several polls
os.close(fd); fd = new                    # the application reopens its log
write(fd, 25)
# 3. copytruncate under an O_APPEND writer (pausing around the unavoidable race)
time.sleep(1.5)
with open(log, "rb") as src, open(log + ".2", "wb") as dst: dst.write(src.read())
os.truncate(log, 0)
time.sleep(1.5)
write(fd, 25)
os.close(fd)
# 4. copytruncate under a writer without O_APPEND: its next write leaves a zero-filled hole
fd = os.open(log, os.O_WRONLY); os.lseek(fd, 0, os.SEEK_END)
write(fd, 10)
time.sleep(1.5)
with open(log, "rb") as src, open(log + ".3", "wb") as dst: dst.write(src.read())
os.truncate(log, 0)
time.sleep(1.5)
write(fd, 15)
os.close(fd)
# 5. delete and re-create; the writer appends to the deleted file first
fd = open_append()
write(fd, 10)
os.unlink(log)
write(fd, 10)                             # into the deleted file, still open
new = open_append()
write(fd, 5)
os.close(fd); fd = new
write(fd, 20)
# 6. a line written in two pieces
piece = line()
os.write(fd, piece[:30]); time.sleep(0.6); os.write(fd, piece[30:])
write(fd, 10)
os.close(fd)
print(n)
PY
}

# --- rxlog ---
mkdir "$work/rx"
( cd "$work/rx" && exec "$bin" watch app.log --json >out.jsonl 2>err.txt ) &
rx=$!
written=$(writer "$work/rx")
sleep 1.5
kill -TERM "$rx"
wait "$rx"; code=$?
summary=$(grep '"type":"summary"' "$work/rx/out.jsonl" | tail -1)
read -r hits invalid < <(python3 -c 'import json,sys; s=json.loads(sys.argv[1] or "{}"); print(s.get("hits","?"), s.get("invalid","?"))' "$summary")

# --- GNU tail -F, same writer ---
tail_verdict="tail -F: skipped (no GNU tail)"
if tail --version 2>/dev/null | grep -q GNU; then
    mkdir "$work/tail"
    ( cd "$work/tail" && exec tail -F -s 0.25 -n +1 app.log >out.txt 2>err.txt ) &
    tl=$!
    tail_written=$(writer "$work/tail")
    sleep 1.5
    kill -TERM "$tl"; wait "$tl" 2>/dev/null
    got=$(tr -d '\0' <"$work/tail/out.txt" | grep -o ' /n/[0-9]* ' | sort | uniq | wc -l)
    dup=$(tr -d '\0' <"$work/tail/out.txt" | grep -o ' /n/[0-9]* ' | sort | uniq -d | wc -l)
    tail_verdict="tail -F: received $got distinct of $tail_written, $dup doubled"
fi

if [ "$code" = 143 ] && [ "$hits" = "$written" ] && [ "$invalid" = 0 ]; then
    echo "PASS rxlog: exit $code, hits $hits of $written written, invalid $invalid | $tail_verdict"
    exit 0
fi
echo "FAIL rxlog: exit $code (want 143), hits $hits of $written written, invalid $invalid (want 0) | $tail_verdict"
echo "--- rxlog stderr:"; cat "$work/rx/err.txt"
echo "--- summary: $summary"
exit 1
