#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
# SPDX-License-Identifier: Apache-2.0
# Benchmarks P1–P10 (docs/benchmarks.md): runs every scenario several times against fresh smtpauth-emulator
# processes, prints a Markdown table (median, spread, the reference measured in the same run, ratio, target)
# with the machine facts, and writes the same figures as JSON.
#
#   tests/bench/run-benchmarks.sh BUILD_DIR [--quick] [--runs N] [--json PATH] [--only P1,P4]
#
#   --quick     small sizes (2,000 mailboxes, 200 changes): checks the harness, proves nothing about speed
#   --runs N    repetitions of each scenario (default 3; --quick: 1)
#   --json PATH where the figures go (default BUILD_DIR/bench-results.json)
#   --only LIST run only these scenarios (P2 comes with P1, P5 and P6 share an executable; P7 is the
#               readiness chain: mailboxes, users, policies, Graph; P8 the usage evidence: usage report
#               and sign-in pages; P9 the Readiness tab's search and class filter)
# Exit status: 0 when every scenario ran (missed targets included), 1 when one could not run.
set -uo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
BUILD="$(cd "$1" && pwd)"
shift
QUICK=0
RUNS=""
JSON="$BUILD/bench-results.json"
ONLY="P1,P2,P3,P4,P5,P6,P7,P8,P9,P10"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --runs) RUNS="$2"; shift ;;
    --json) JSON="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    *) echo "run-benchmarks.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  RUNS="${RUNS:-1}"
  LOAD_SIZES="2000"; SEARCH_SIZES="2000"; CHANGES=200; LOOP_SAMPLE=20; WINDOW_SIZE=2000
  READINESS_SIZE=2000; GROUP_MEMBERS=400
  USAGE_SIZE=2000; SIGN_IN_RECORDS=20000; READINESS_TABLE_SIZE=2000; SNAPSHOT_SIZE=2000; SNAPSHOT_DAYS=40
else
  RUNS="${RUNS:-3}"
  LOAD_SIZES="100000 500000"; SEARCH_SIZES="100000 500000"; CHANGES=10000; LOOP_SAMPLE=300; WINDOW_SIZE=100000
  READINESS_SIZE=100000; GROUP_MEMBERS=20000
  USAGE_SIZE=100000; SIGN_IN_RECORDS=1000000; READINESS_TABLE_SIZE=100000; SNAPSHOT_SIZE=100000; SNAPSHOT_DAYS=100
fi
LATENCIES="0 30"

BENCH_DIR="$BUILD/tests/bench"
export SMTPAUTH_EMULATOR="${SMTPAUTH_EMULATOR:-$BUILD/app/emulator/smtpauth-emulator}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
for binary in bench_load bench_search bench_apply bench_window bench_readiness bench_usage bench_readinesstable; do
  if [ ! -x "$BENCH_DIR/$binary" ]; then
    echo "run-benchmarks.sh: $BENCH_DIR/$binary is missing: build the tests first" >&2
    exit 2
  fi
done
if [ ! -x "$SMTPAUTH_EMULATOR" ]; then
  echo "run-benchmarks.sh: no emulator at $SMTPAUTH_EMULATOR" >&2
  exit 2
fi

WORK="$(mktemp -d -t smtpauth-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
RAW="$WORK/raw.jsonl"
: >"$RAW"
LOG="${JSON%.json}.log"
: >"$LOG"

wants() { [[ ",$ONLY," == *",$1,"* ]]; }
note() { printf '== %s\n' "$*" >&2; }

# run TAG COMMAND...: one measurement; its last stdout line (JSON) is tagged and kept.
run() {
  local tag="$1"; shift
  local out="$WORK/out.json"
  note "$tag: $(basename "$1") ${*:2}"
  "$@" >"$out" 2>>"$LOG"
  local rc=$?
  local line
  line="$(tail -n 1 "$out")"
  if [ -z "$line" ]; then
    line="{\"error\":\"$(basename "$1") exited $rc without a result\"}"
  fi
  printf '{"tag":"%s","exit":%d,"result":%s}\n' "$tag" "$rc" "$line" >>"$RAW"
}

for ((r = 1; r <= RUNS; r++)); do
  note "round $r of $RUNS"
  if wants P1 || wants P2; then
    for size in $LOAD_SIZES; do
      for latency in $LATENCIES; do
        run "load-$size-$latency" "$BENCH_DIR/bench_load" --mailboxes "$size" --latency-ms "$latency"
      done
    done
  fi
  if wants P3; then
    for size in $SEARCH_SIZES; do
      run "search-$size" "$BENCH_DIR/bench_search" --mailboxes "$size"
    done
  fi
  if wants P4; then
    run "apply-$CHANGES" "$BENCH_DIR/bench_apply" --changes "$CHANGES" --sample "$LOOP_SAMPLE" \
      --latency-ms 20 --limit 3 --rate-429 0.02 --seed "$r"
  fi
  if wants P5; then
    if [ ! -f "$WORK/snapshot.sqlite" ]; then
      run "snapshot-prepare" "$BENCH_DIR/bench_window" --mode prepare-snapshot --mailboxes "$WINDOW_SIZE" \
        --snapshot "$WORK/snapshot.sqlite"
    fi
    # Cold as far as this process goes; the file itself is in the page cache after the first run.
    run "coldstart-$WINDOW_SIZE" "$BENCH_DIR/bench_window" --mode coldstart --snapshot "$WORK/snapshot.sqlite"
  fi
  if wants P6; then
    run "stall-$WINDOW_SIZE" "$BENCH_DIR/bench_window" --mode stall --mailboxes "$WINDOW_SIZE" --latency-ms 0
  fi
  if wants P7; then
    run "readiness-$READINESS_SIZE" "$BENCH_DIR/bench_readiness" --mailboxes "$READINESS_SIZE" \
      --group-members "$GROUP_MEMBERS" --latency-ms 0
  fi
  if wants P8; then
    run "usage-$USAGE_SIZE-$SIGN_IN_RECORDS" "$BENCH_DIR/bench_usage" --mailboxes "$USAGE_SIZE" \
      --sign-in-records "$SIGN_IN_RECORDS" --latency-ms 0
  fi
  if wants P9; then
    run "readinesstable-$READINESS_TABLE_SIZE" "$BENCH_DIR/bench_readinesstable" --mailboxes "$READINESS_TABLE_SIZE"
  fi
  if wants P10; then
    run "snapshots-$SNAPSHOT_SIZE" "$BENCH_DIR/bench_snapshots" --mailboxes "$SNAPSHOT_SIZE" --days "$SNAPSHOT_DAYS"
  fi
done

BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null)"
QT_VERSION="$( (qtpaths6 --qt-version 2>/dev/null || qmake6 -query QT_VERSION 2>/dev/null || \
  dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null) | head -n 1)"
CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
MEMORY="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
export BENCH_CORES="$(nproc)" BENCH_QT="$QT_VERSION" BENCH_BUILD_TYPE="${BUILD_TYPE:-unknown}" BENCH_CPU="$CPU" \
  BENCH_MEMORY="$MEMORY" BENCH_KERNEL="$(uname -r)" BENCH_QUICK="$QUICK" BENCH_RUNS="$RUNS" \
  BENCH_LOAD_SIZES="$LOAD_SIZES" BENCH_SEARCH_SIZES="$SEARCH_SIZES" BENCH_CHANGES="$CHANGES" \
  BENCH_WINDOW_SIZE="$WINDOW_SIZE" BENCH_ONLY="$ONLY" BENCH_LOOP_SAMPLE="$LOOP_SAMPLE" \
  BENCH_READINESS_SIZE="$READINESS_SIZE" BENCH_GROUP_MEMBERS="$GROUP_MEMBERS" BENCH_USAGE_SIZE="$USAGE_SIZE" \
  BENCH_SIGN_IN_RECORDS="$SIGN_IN_RECORDS" BENCH_READINESS_TABLE_SIZE="$READINESS_TABLE_SIZE" BENCH_SNAPSHOT_SIZE="$SNAPSHOT_SIZE"

python3 "$(dirname "${BASH_SOURCE[0]}")/summarize-benchmarks.py" "$RAW" "$JSON"
