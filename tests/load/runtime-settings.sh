#!/usr/bin/env bash
# A/B of the runtime settings (ADRs 0009, 0021, 0037) on this machine, each variant in a fresh app: the status page at
# 64 connections as a ratio of the stack's floor (tests/load/Ceilings floor-page, measured once in the same run, on
# the same database) with p99 and CPU per page, then the desk's record-and-resolve load with CPU per complaint, and the
# working set after it (now and peak) — the figures issue 32 chooses TieredPGO and the GC by.
#   usage: tests/load/runtime-settings.sh [seconds = 15]   (WARMUP=30; VARIANTS="name=ENV ...;name=ENV" to choose)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
warmup="${WARMUP:-30}"
work="${BENCH_DIR:-/tmp/klantcentraal-runtime}"
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet publish src/KlantCentraal.Web -c Release -o "$work/publish" -v quiet -nologo >/dev/null
dotnet build tests/load/Ceilings -c Release -v quiet -nologo >/dev/null
ceilings="$PWD/tests/load/Ceilings/bin/Release/net10.0/Ceilings.dll"
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
count() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$1"; }
web="$work/publish"
floorRps=""
IFS=";" read -r -a variants <<<"${VARIANTS:-as shipped (ADR 0037: TieredPGO on, GC conserving memory at 5)=;TieredPGO off, GC as by default (ADRs 0009, 0021)=DOTNET_TieredPGO=0 DOTNET_GCConserveMemory=0;TieredPGO on, GC as by default=DOTNET_TieredPGO=1 DOTNET_GCConserveMemory=0}"
for variant in "${variants[@]}"; do
    name="${variant%%=*}"
    APP_ENV="${variant#*=}"
    rm -rf "$work/app.db"* "$work/mail"
    source tests/load/app.sh
    if [ -z "$floorRps" ]; then
        dotnet "$ceilings" floor-page http://127.0.0.1:5192 "$work/app.db" >/dev/null 2>&1 &
        floor=$!
        until curl -fs "http://127.0.0.1:5192/floor/$code" >/dev/null 2>&1; do sleep 0.2; done
        wrk -t2 -c64 -d"${warmup}s" "http://127.0.0.1:5192/floor/$code" >/dev/null
        wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:5192/floor/$code" >"$work/floor.txt"
        kill $floor
        floorRps=$(rps <"$work/floor.txt")
        echo "floor page: $floorRps req/s, p99 $(sed -n 's/^ *99% *//p' "$work/floor.txt")"
    fi
    wrk -t2 -c64 -d"${warmup}s" -H "$proxy" "$statusUrl" >/dev/null
    before=$(ticks "$pid")
    wrk -t2 -c64 -d"${seconds}s" -H "$proxy" --latency "$statusUrl" >"$work/status.txt"
    cpu=$(( $(ticks "$pid") - before ))
    line="$name: status page $(awk -v a="$(rps <"$work/status.txt")" -v b="$floorRps" 'BEGIN {printf "%.0f req/s = %.2fx floor", a, a / b}'), p99 $(sed -n 's/^ *99% *//p' "$work/status.txt"), $(awk -v c="$cpu" -v n="$(count "$work/status.txt")" 'BEGIN {printf "%.0f", c * 10000 / n}') µs CPU;"
    KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${warmup}s" -s tests/load/record.lua "$base" >/dev/null
    sign_in
    before=$(ticks "$pid")
    KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" --latency -s tests/load/record.lua "$base" >"$work/record.txt"
    cpu=$(( $(ticks "$pid") - before ))
    line="$line desk $(rps <"$work/record.txt" | awk '{printf "%.0f", $1}') complaints/s, p99 $(sed -n 's/^ *99% *//p' "$work/record.txt"), $(awk -v c="$cpu" -v n="$(count "$work/record.txt")" 'BEGIN {printf "%.1f", c * 10 / n}') ms CPU (without the triage after the round);"
    echo "$line working set $(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB, peak $(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB"
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
done
