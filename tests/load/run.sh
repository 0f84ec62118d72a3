#!/usr/bin/env bash
# Load benchmark: ceilings of this machine against KlantCentraal's customer status page and desk
# record-and-resolve, 64 connections, on SQLite, all on 127.0.0.1. The app runs as published, in the Production
# environment behind a pretend TLS proxy (X-Forwarded-Proto: https), with logging at Warning.
# Figures go to docs/performance.md by hand. Needs wrk (installed here with apt-get when missing).
#   usage: tests/load/run.sh [seconds per measured run = 15]   (WARMUP=30: seconds of warm-up per scenario)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
work="${BENCH_DIR:-/tmp/klantcentraal-load}"
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet publish src/KlantCentraal.Web -c Release -o "$work/publish" -v quiet -nologo >/dev/null
dotnet build tests/load/Ceilings -c Release -v quiet -nologo >/dev/null
ceilings="$PWD/tests/load/Ceilings/bin/Release/net10.0/Ceilings.dll"
web="$work/publish"

rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }

echo "== ceilings"
dotnet "$ceilings" minimal-app http://127.0.0.1:5190 >/dev/null 2>&1 &
minimal=$!
until curl -fs http://127.0.0.1:5190/json >/dev/null 2>&1; do sleep 0.2; done
wrk -t2 -c64 -d10s http://127.0.0.1:5190/json >/dev/null   # warm-up, as for the app below
wrk -t2 -c64 -d"${seconds}s" http://127.0.0.1:5190/json >"$work/minimal.txt"
kill $minimal
echo "minimal app: $(rps <"$work/minimal.txt") req/s"
rawTx=$(dotnet "$ceilings" sqlite-tx "$work/raw.db" "$seconds")
echo "raw SQLite desk transactions: $rawTx tx/s"

echo "== KlantCentraal"
source tests/load/app.sh

# Each scenario first warms up: the runtime compiles hot methods again, optimised, only after they ran a while
# (tiered JIT); on two busy cores that takes tens of seconds. Then it is measured. The status page goes first, so
# it is not measured while the queue worker still triages the complaints the desk's warm-up left behind.
warmup="${WARMUP:-30}"
echo "warming up ${warmup} s per scenario ..."
minimalRps=$(rps <"$work/minimal.txt")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks of 10 ms
measure() { # name url [process]: warm-up, then measured; prints req/s, the ratio to the minimal app, p50, p99 and CPU per request
    local out="$work/$(tr -c 'a-zA-Z0-9' '_' <<<"$1").txt" of="${3:-$pid}"
    wrk -t2 -c64 -d"${warmup}s" -H "$proxy" "$2" >/dev/null
    local before; before=$(ticks "$of")
    wrk -t2 -c64 -d"${seconds}s" -H "$proxy" --latency "$2" >"$out"
    local cpu=$(( $(ticks "$of") - before )) requests; requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$out")
    awk -v c="$cpu" -v n="$requests" 'BEGIN {printf "%.1f", c * 10000 / n}' >"$out.cpu"
    echo "$1: $(rps <"$out") req/s = $(awk -v a="$(rps <"$out")" -v b="$minimalRps" 'BEGIN {printf "%.3f", a / b}')x minimal app, p50 $(sed -n 's/^ *50% *//p' "$out"), p99 $(sed -n 's/^ *99% *//p' "$out"), CPU $(awk -v c="$cpu" -v n="$requests" 'BEGIN {printf "%.0f", c * 10000 / n}') µs per request"
}
# The stack's floor (issue 32): a bare Razor Page reading the same complaint and its messages with one compiled query
# from the same database, without layout; the status page is reported as a ratio to it.
dotnet "$ceilings" floor-page http://127.0.0.1:5192 "$work/app.db" >/dev/null 2>&1 &
floor=$!
until curl -fs "http://127.0.0.1:5192/floor/$code" >/dev/null 2>&1; do sleep 0.2; done
measure "floor page" "http://127.0.0.1:5192/floor/$code" "$floor"
kill $floor
measure "status page" "$statusUrl"
echo "status page vs floor: $(awk -v a="$(rps <"$work/status_page_.txt")" -v b="$(rps <"$work/floor_page_.txt")" 'BEGIN {printf "%.2f", a / b}')x"
measure "/health" "$base/health"
measure "/" "$base/"
measure "/Track" "$base/Track"

# Root-cause work still queued: the worker triages what the desk queued, and may fall behind under the load.
queued() { sqlite3 -cmd ".timeout 10000" "$work/app.db" "SELECT count(*) FROM RootCauseQueue WHERE Status = 'Pending'"; }
# Waits for the worker (it polls every 5 s; not a test), at most two minutes: a worker switched off would never empty it.
drain() { for _ in $(seq 600); do [ "$(queued)" = 0 ] && return; sleep 0.2; done; echo "the root-cause queue did not empty within two minutes" >&2; }
KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${warmup}s" -s tests/load/record.lua "$base" >/dev/null
drain
sign_in
# CPU the app spent per complaint (user + system, clock ticks of 10 ms): steadier than complaints/s on a shared machine.
# Counted until the worker has triaged the round's complaints too, so work it puts off under load is not left out.
cpuBefore=$(awk '{print $14 + $15}' /proc/$pid/stat)
KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" -s tests/load/record.lua "$base" >"$work/record.txt"
behind=$(queued)
drain
cpuAfter=$(awk '{print $14 + $15}' /proc/$pid/stat)
recorded=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/record.txt")
echo "record and resolve: $(rps <"$work/record.txt") complaints/s = $(awk -v a="$(rps <"$work/record.txt")" -v b="$rawTx" 'BEGIN {printf "%.2f", a / b}')x raw SQLite; $(grep '^record' "$work/record.txt")"
echo "root-cause queue at the end of the round: $behind of $recorded complaints not yet triaged"
echo "CPU per complaint: $(awk -v c=$((cpuAfter - cpuBefore)) -v n="$recorded" 'BEGIN {printf "%.1f", c * 1000 / 100 / n}') ms (the app's user + system time over the measured round and the worker's triage of it)"
# Issue 42: the desk's write in floor pages, the CPU per complaint over the floor page's CPU per request of this same
# run, so the figure carries across machines.
echo "desk write in floor pages: $(awk -v c=$((cpuAfter - cpuBefore)) -v n="$recorded" -v f="$(cat "$work/floor_page_.txt.cpu")" 'BEGIN {printf "%.1f", c * 10000 / n / f}') (CPU per complaint / floor page's CPU per request)"
mb() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' /proc/$pid/status; }
# RssAnon is the app's own memory; RssFile the mapped runtime, assemblies and database pages; RssShmem shared
# mappings (the runtime's double-mapped JIT code under W^X, SQLite's WAL index).
echo "working set: now $(mb VmRSS) MB (anonymous $(mb RssAnon), file $(mb RssFile), shared $(mb RssShmem)), peak $(mb VmHWM) MB"
echo "complaints stored: $(sqlite3 "$work/app.db" 'select count(*) from Complaints' 2>/dev/null || echo '?')"
kill "$pid"
