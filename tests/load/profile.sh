#!/usr/bin/env bash
# CPU profiles of /health, /, the customer status page, the stack's floor page (tests/load/Ceilings, issue 32) and the
# desk's record-and-resolve under load (64 connections, after a warm-up), as flame
# graphs in docs/flamegraphs/ and the heaviest frames on stdout. Uses perf (cpu-clock samples, so it works where
# hardware counters do not) and the runtime's perf map for the names of JIT-compiled .NET methods.
#   usage: tests/load/profile.sh [seconds sampled = 10]   (WARMUP=30: seconds of load before sampling;
#          PROFILES="record" profiles only the named ones of: health home status floor record)
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

profile() { # name, then wrk's arguments (URL last)
    local name=$1
    shift
    case " ${PROFILES:-health home status floor record} " in *" $name "*) ;; *) return 0 ;; esac
    wrk -t2 -c64 -d"${warmup}s" "$@" >/dev/null
    wrk -t2 -c64 -d"$((seconds + 2))s" "$@" >"$work/$name.txt" &
    load=$!
    sleep 1 # let the load reach full speed before sampling; this is not synchronisation of a test
    perf record -e cpu-clock -F 499 -g -p "${target:-$pid}" -o "$work/$name.data" -- sleep "$seconds" 2>/dev/null >/dev/null
    wait $load
    echo "$name: $(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/$name.txt") req/s while sampled"
    perf script -i "$work/$name.data" 2>/dev/null | tests/load/flamegraph.py "KlantCentraal $name under load" "docs/flamegraphs/$name.svg" | tee "$work/$name-top.txt"
}

profile health -H "$proxy" "$base/health"
profile home -H "$proxy" "$base/"
profile status -H "$proxy" "$statusUrl"
# The floor: a bare Razor Page reading the same complaint with one compiled query, no layout (its own process).
dotnet build tests/load/Ceilings -c Release -v quiet -nologo >/dev/null
(cd tests/load/Ceilings/bin/Release/net10.0 && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet Ceilings.dll floor-page http://127.0.0.1:5192 "$work/app.db" >/dev/null 2>&1) &
until curl -fs "http://127.0.0.1:5192/floor/$code" >/dev/null 2>&1; do sleep 0.2; done
target=$(pgrep -f "Ceilings.dll floor-page" | head -n 1)
profile floor "http://127.0.0.1:5192/floor/$code"
kill "$target"
target=""
# The desk's record-and-resolve form, as run.sh posts it (a new submission id per request).
sign_in
KC_COOKIE="$cookie" KC_TOKEN="$token" profile record -s tests/load/record.lua "$base"
kill "$pid"
