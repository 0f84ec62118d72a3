#!/usr/bin/env bash
# A/B of the runtime settings of ADR 0009 on this machine: the status page and / at 64 connections, each after a
# warm-up, as ratios of the minimal app measured in the same run, with the working set after the load.
#   usage: tests/load/runtime-settings.sh [seconds = 15]   (WARMUP=30)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
warmup="${WARMUP:-30}"
work="${BENCH_DIR:-/tmp/klantcentraal-runtime}"
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet publish src/KlantCentraal.Web -c Release -o "$work/publish" -v quiet -nologo >/dev/null
dotnet build tests/load/Ceilings -c Release -v quiet -nologo >/dev/null
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }

dotnet tests/load/Ceilings/bin/Release/net10.0/Ceilings.dll minimal-app http://127.0.0.1:5190 >/dev/null 2>&1 &
minimal=$!
until curl -fs http://127.0.0.1:5190/json >/dev/null 2>&1; do sleep 0.2; done
wrk -t2 -c64 -d10s http://127.0.0.1:5190/json >/dev/null
wrk -t2 -c64 -d"${seconds}s" http://127.0.0.1:5190/json >"$work/minimal.txt"
kill $minimal
minimalRps=$(rps <"$work/minimal.txt")
echo "minimal app: $minimalRps req/s"

web="$work/publish"
for variant in "as shipped (workstation GC, TieredPGO off)=" "TieredPGO on=DOTNET_TieredPGO=1" "server GC=DOTNET_gcServer=1" "server GC + TieredPGO on=DOTNET_gcServer=1 DOTNET_TieredPGO=1"; do
    name="${variant%%=*}"
    APP_ENV="${variant#*=}"
    rm -f "$work/app.db"*
    source tests/load/app.sh
    line="$name:"
    for target in status /; do
        url="$base$target"; [ "$target" = status ] && url="$statusUrl"
        wrk -t2 -c64 -d"${warmup}s" -H "$proxy" "$url" >/dev/null
        wrk -t2 -c64 -d"${seconds}s" -H "$proxy" --latency "$url" >"$work/out.txt"
        line="$line $target $(awk -v a="$(rps <"$work/out.txt")" -v b="$minimalRps" 'BEGIN {printf "%.0f req/s = %.3fx", a, a / b}') (p99 $(sed -n 's/^ *99% *//p' "$work/out.txt"));"
    done
    echo "$line working set $(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB, peak $(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB"
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
done
