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
echo "raw SQLite desk transactions: $(dotnet "$ceilings" sqlite-tx "$work/raw.db" "$seconds") tx/s"

echo "== KlantCentraal"
settings=(Seed__DemoComplaints=false Privacy__JobEnabled=false ConnectionStrings__Sqlite="Data Source=$work/app.db"
    Mail__PickupDirectory="$work/mail" Serilog__MinimumLevel__Default=Warning
    RateLimits__LookupsPerClientPerMinute=100000000 RateLimits__LookupsPerCodePerHour=100000000)
# Demo accounts exist only in Development: one start there creates them in the database, then the measured app
# runs in Production. Its cookies are Secure and antiforgery insists on HTTPS, so every request says it came
# through a TLS proxy, which the app trusts with forwarded headers on (as behind a real proxy).
(cd "$web" && env ASPNETCORE_ENVIRONMENT=Development "${settings[@]}" dotnet KlantCentraal.Web.dll --urls http://localhost:5191 >"$work/seed.log" 2>&1) &
until curl -fs http://127.0.0.1:5191/health >/dev/null 2>&1; do sleep 0.2; done
pkill -f "KlantCentraal.Web.dll --urls http://localhost:5191"
while curl -fs http://127.0.0.1:5191/health >/dev/null 2>&1; do sleep 0.2; done
(cd "$web" && env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_FORWARDEDHEADERS_ENABLED=true "${settings[@]}" \
    dotnet KlantCentraal.Web.dll --urls http://localhost:5191 >"$work/app.log" 2>&1) &
until curl -fs http://127.0.0.1:5191/health >/dev/null 2>&1; do sleep 0.2; done
pid=$(pgrep -f "KlantCentraal.Web.dll --urls http://localhost:5191" | head -n 1)
base=http://localhost:5191
proxy="X-Forwarded-Proto: https"
curl() { command curl -H "$proxy" "$@"; }
jar="$work/cookies.txt"
field() { sed -n "s/.*name=\"$1\" type=\"hidden\" value=\"\([^\"]*\)\".*/\1/p" | head -n 1; }
# Signs the desk employee in afresh and fetches the desk form's antiforgery token. wrk cannot store the cookie
# Identity renews, so the sign-in must be younger than the security-stamp interval (one minute) when measuring.
sign_in() {
    rm -f "$jar"
    token=$(curl -fs -c "$jar" "$base/Account/Login" | field __RequestVerificationToken)
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=balie@klantcentraal.test" \
        --data-urlencode "Input.Password=KlantCentraal-demo-2026" --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
    token=$(curl -fs -b "$jar" -c "$jar" "$base/Desk" | field __RequestVerificationToken)
    cookie=$(awk '$6 ~ /^KlantCentraal/ {printf "%s=%s; ", $6, $7}' "$jar")
}
sign_in
location=$(curl -fs -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.SubmissionId=$(cat /proc/sys/kernel/random/uuid)" --data-urlencode "Input.CustomerName=Load Test" \
    --data-urlencode "Input.Postcode=1012 AB" --data-urlencode "Input.Channel=Counter" --data-urlencode "Input.Category=ProductDefect" \
    --data-urlencode "Input.ProductName=Waterkoker" --data-urlencode "Input.Receipt=No" --data-urlencode "Input.Description=Lekt" \
    --data-urlencode "Input.DesiredOutcome=Refund" --data-urlencode "Input.ResolutionType=Refund" --data-urlencode "Input.Amount=24,95" \
    --data-urlencode "Input.RefundMethod=Cash" "$base/Desk")
code=${location##*/}; code=${code%%\?*}
public="$work/public.txt"
status=$(curl -fs -c "$public" "$base/Track" | field __RequestVerificationToken)
statusUrl=$(curl -fs -b "$public" -o /dev/null -w '%{redirect_url}' --data-urlencode "__RequestVerificationToken=$status" \
    --data-urlencode "Input.Code=$code" --data-urlencode "Input.PostcodeOrEmail=1012AB" "$base/Track")

# Each scenario first warms up: the runtime compiles hot methods again, optimised, only after they ran a while
# (tiered JIT); on two busy cores that takes tens of seconds. Then it is measured. The status page goes first, so
# it is not measured while the queue worker still triages the complaints the desk's warm-up left behind.
warmup="${WARMUP:-30}"
echo "warming up ${warmup} s per scenario ..."
wrk -t2 -c64 -d"${warmup}s" -H "$proxy" "$statusUrl" >/dev/null
wrk -t2 -c64 -d"${seconds}s" -H "$proxy" --latency "$statusUrl" >"$work/status.txt"
echo "status page: $(rps <"$work/status.txt") req/s, p50 $(sed -n 's/^ *50% *//p' "$work/status.txt"), p99 $(sed -n 's/^ *99% *//p' "$work/status.txt")"

KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${warmup}s" -s tests/load/record.lua "$base" >/dev/null
sign_in
KC_COOKIE="$cookie" KC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" -s tests/load/record.lua "$base" >"$work/record.txt"
echo "record and resolve: $(rps <"$work/record.txt") complaints/s; $(grep '^record' "$work/record.txt")"
echo "working set: now $(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB, peak $(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$pid/status) MB"
echo "complaints stored: $(sqlite3 "$work/app.db" 'select count(*) from Complaints' 2>/dev/null || echo '?')"
kill "$pid"
