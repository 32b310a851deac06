#!/usr/bin/env bash
# Builds rxlog as one self-contained, trimmed, ReadyToRun executable: OUTDIR/rxlog (default dist/).
#   ./publish.sh            -> dist/rxlog for linux-x64
#   RID=osx-arm64 ./publish.sh out/mac
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-dist}
rid=${RID:-linux-x64}
dotnet publish RxLog/RxLog.csproj -c Release -r "$rid" -o "$out" -p:TrimmerSingleWarn=false -nologo -v:q "${@:2}" \
  | grep -vE '^\s*$' || true
bin="$out/rxlog"; [ -f "$bin.exe" ] && bin="$bin.exe"
[ -f "$bin" ] || { echo "publish.sh: no binary at $bin" >&2; exit 1; }
ls -l "$bin"
