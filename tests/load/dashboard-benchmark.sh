#!/usr/bin/env bash
# Benchmark: the managers' dashboard and the desk's inbox (10,000 open complaints) on SQLite with a realistic 1,000,000 complaints.
# Builds Release, seeds a fresh database (once; reused when present), starts the app on 127.0.0.1,
# signs in as the demo manager, requests the dashboard N times after 30 warm-up requests and reports the server time per request
# (from the app's own request log) plus curl's total time. Figures go to docs/performance.md by hand.
#   usage: tests/load/dashboard-benchmark.sh [complaints=1000000] [requests=30]
set -euo pipefail
cd "$(dirname "$0")/../.."
complaints="${1:-1000000}"
requests="${2:-30}"
work="${BENCH_DIR:-/tmp/klantcentraal-bench}"
# The file name says which seeder made it: a database from before open complaints and promises is not reused.
db="$work/bench-$complaints-promises.db"
port="${BENCH_PORT:-5181}"
base="http://127.0.0.1:$port"
mkdir -p "$work"

dotnet build src/KlantCentraal.Web -c Release -v quiet -nologo >/dev/null
# Run from the output folder: it is the content root, where appsettings.json (logging, defaults) lives.
bin="$PWD/src/KlantCentraal.Web/bin/Release/net10.0"
app="KlantCentraal.Web.dll"
cd "$bin"
export ASPNETCORE_ENVIRONMENT=Development Seed__DemoComplaints=false RootCauseQueue__WorkerEnabled=false \
       ConnectionStrings__Sqlite="Data Source=$db" Serilog__MinimumLevel__Default=Information
seeded=false
if [ ! -f "$db" ]; then
    echo "Seeding $complaints complaints into $db ..."
    start=$(date +%s)
    dotnet "$app" seed-volume "$complaints" | grep -v '^\[' || true
    echo "seeded in $(( $(date +%s) - start )) s"
    seeded=true
fi

log="$work/app.log"
echo "database: $(du -m "$db" | cut -f1) MB for $complaints complaints ($(du -m "$db" | awk -v n="$complaints" '{printf "%.0f", $1 * 1000000 / n}') MB per million)"
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT
start_app() { # what: starts the app and reports how long until /health answers (at most an hour)
    local started; started=$(date +%s.%N)
    dotnet "$app" --urls "$base" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 36000); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.1; done
    echo "$1: /health answered $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s after the app was started"
}
if [ "$seeded" = true ]; then
    # The seeder bypasses EF, so the first start counts the dashboard's daily figures (ADR 0022); then a normal start.
    start_app "first start after seeding (counts the daily figures)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
fi
start_app "start"

jar="$work/cookies.txt"; rm -f "$jar"
token=$(curl -fs -c "$jar" "$base/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -fs -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "Input.Email=manager@klantcentraal.test" --data-urlencode "Input.Password=KlantCentraal-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %.1f  median %.1f  p95 %.1f  max %.1f", a[1], a[int((NR+1)/2)], a[int(NR*0.95+0.5)], a[NR]}'; }
echo "Dashboard over $complaints complaints, $requests requests each, after 30 warm-up requests"
# "store=ST-001" is the dashboard with one of the 200 stores selected; /Manager/Stores is the store comparison.
paths=("/Manager/Dashboard" "/Manager/Dashboard?store=ST-001" "/Manager/Stores" "/Manager/Stores?handler=Csv"
       "/Manager/Dashboard?from=$(date -d '-365 days' +%F)&to=$(date +%F)" "/Manager/Dashboard?by=cost"
       "/Desk/Inbox")
# BENCH_PATHS="/Manager/Stores" measures only the paths given (space-separated).
[ -n "${BENCH_PATHS:-}" ] && read -r -a paths <<<"$BENCH_PATHS"
for path in "${paths[@]}"; do
    url="$base$path"
    # Warm-up: tiered JIT (a method is recompiled optimised after 30 calls), connection pool, page cache.
    for _ in $(seq 1 30); do curl -fs -b "$jar" -o /dev/null "$url"; done
    : >"$work/ttfb.txt"
    for _ in $(seq 1 "$requests"); do
        # Time to first byte on loopback: the server's time to run the queries and render the page.
        curl -fs -b "$jar" -o /dev/null -w '%{time_starttransfer}\n' "$url" | awk '{printf "%.1f\n", $1*1000}' >>"$work/ttfb.txt"
    done
    echo "  $path: server time ms $(stats <"$work/ttfb.txt")"
done
echo "  working set (MB): $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
