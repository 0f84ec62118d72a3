#!/usr/bin/env bash
# CPU profiles of /health, / and the customer status page under load (64 connections, after a warm-up), as flame
# graphs in docs/flamegraphs/ and the heaviest frames on stdout. Uses perf (cpu-clock samples, so it works where
# hardware counters do not) and the runtime's perf map for the names of JIT-compiled .NET methods.
#   usage: tests/load/profile.sh [seconds sampled = 10]   (WARMUP=30: seconds of load before sampling)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
warmup="${WARMUP:-30}"
work="${BENCH_DIR:-/tmp/klantcentraal-profile}"
rm -rf "$work" && mkdir -p "$work"
for tool in wrk perf; do
    command -v $tool >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk linux-perf >/dev/null; }
done

dotnet publish src/KlantCentraal.Web -c Release -o "$work/publish" -v quiet -nologo >/dev/null
web="$work/publish"
# W^X off: JIT code in plain memory, where perf finds it through the perf map (/tmp/perf-PID.map).
APP_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0"
source tests/load/app.sh
mkdir -p docs/flamegraphs

profile() { # name url
    wrk -t2 -c64 -d"${warmup}s" -H "$proxy" "$2" >/dev/null
    wrk -t2 -c64 -d"$((seconds + 2))s" -H "$proxy" "$2" >"$work/$1.txt" &
    load=$!
    sleep 1 # let the load reach full speed before sampling; this is not synchronisation of a test
    perf record -e cpu-clock -F 499 -g -p "$pid" -o "$work/$1.data" -- sleep "$seconds" 2>/dev/null >/dev/null
    wait $load
    echo "$1: $(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/$1.txt") req/s while sampled"
    perf script -i "$work/$1.data" 2>/dev/null | tests/load/flamegraph.py "KlantCentraal $1 under load" "docs/flamegraphs/$1.svg" | tee "$work/$1-top.txt"
}

profile health "$base/health"
profile home "$base/"
profile status "$statusUrl"
kill "$pid"
