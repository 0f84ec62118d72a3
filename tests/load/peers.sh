#!/usr/bin/env bash
# Peers, side by side (issue 32, target 6): the two scenarios a helpdesk comparison measures — a customer's view of one
# ticket (GET) and an API create (POST) — against any base URL, so the same load can be pointed at another helpdesk
# running on this machine (osTicket, Zammad, ...) and at KlantCentraal. 64 connections, wrk -t2, after a warm-up.
#   usage: tests/load/peers.sh VIEW_URL [CREATE_URL]   (SECONDS_MEASURED=15, WARMUP=30)
#     VIEW_URL     the customer's view of one ticket, e.g. osTicket's http://127.0.0.1:8080/view.php?t=123456&e=a@b.nl
#     CREATE_URL   the API create, e.g. osTicket's http://127.0.0.1:8080/api/tickets.json
#     VIEW_HEADERS header lines for the view (a signed-in customer's "Cookie: ..."), one per line
#     CREATE_BODY  a file with the create's body; CREATE_HEADERS its header lines ("X-API-Key: ...",
#                  "Content-Type: application/json"); "{{n}}" in either is replaced by a number unique to each request
#     PEER_PID     the peer's server process (summed with its children), for CPU per request
#   tests/load/peers.sh   (no arguments): starts KlantCentraal as run.sh does and measures its status page and
#                         POST /api/v1/complaints with an API key the administrator makes, as a peer would be measured.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${SECONDS_MEASURED:-15}"
warmup="${WARMUP:-30}"
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work="${BENCH_DIR:-/tmp/klantcentraal-peers}"
rm -rf "$work" && mkdir -p "$work"
if [ $# -eq 0 ]; then
    dotnet publish src/KlantCentraal.Web -c Release -o "$work/publish" -v quiet -nologo >/dev/null
    web="$work/publish"
    # An integrator's key may send 120 requests a minute; the load sends thousands a second through one key.
    APP_ENV="RateLimits__ApiRequestsPerKeyPerMinute=1000000 ${APP_ENV:-}"
    source tests/load/app.sh
    trap 'kill $pid 2>/dev/null || true' EXIT
    # The administrator makes an API key that may create complaints, as an integrator gets one.
    admin="$work/admin.txt"
    login=$(curl -fs -c "$admin" "$base/Account/Login" | field __RequestVerificationToken)
    curl -fs -b "$admin" -c "$admin" -o /dev/null --data-urlencode "Input.Email=beheer@klantcentraal.test" \
        --data-urlencode "Input.Password=KlantCentraal-demo-2026" --data-urlencode "__RequestVerificationToken=$login" "$base/Account/Login"
    form=$(curl -fs -b "$admin" -c "$admin" "$base/Admin/ApiKeys" | field __RequestVerificationToken)
    key=$(curl -fsL -b "$admin" -c "$admin" --data-urlencode "Name=peers $(date +%s)" --data-urlencode "Scopes=CreateComplaints" \
        --data-urlencode "__RequestVerificationToken=$form" "$base/Admin/ApiKeys?handler=Create" | sed -n 's/.*data-testid="new-key">\([^<]*\)<.*/\1/p')
    [ -n "$key" ] || { echo "no API key was made"; exit 1; }
    set -- "$statusUrl" "$base/api/v1/complaints"
    export VIEW_HEADERS="$proxy"
    printf '%s' '{"customerName":"Peer Klant","email":"peer.{{n}}@example.nl","productName":"Waterkoker","description":"Lekt onderaan"}' >"$work/body.json"
    export CREATE_BODY="$work/body.json"
    export CREATE_HEADERS="$proxy
Authorization: Bearer $key
Content-Type: application/json
Idempotency-Key: peers-{{n}}"
    PEER_PID=$pid
fi
view="$1"
create="${2:-}"
headers=()
while IFS= read -r line; do [ -n "$line" ] && headers+=(-H "$line"); done <<<"${VIEW_HEADERS:-}"
# CPU of the peer's processes (a web server with PHP workers is several), in clock ticks of 10 ms.
ticks() {
    [ -n "${PEER_PID:-}" ] || { echo 0; return; }
    local total=0 p
    for p in $PEER_PID $(pgrep -P "$PEER_PID" || true); do total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
    echo "$total"
}
report() { # name, wrk output, ticks used
    local requests; requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$2")
    printf '%s: %s req/s, p50 %s, p99 %s' "$1" "$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$2")" "$(sed -n 's/^ *50% *//p' "$2")" "$(sed -n 's/^ *99% *//p' "$2")"
    [ -n "${PEER_PID:-}" ] && printf ', CPU %s ms per request' "$(awk -v c="$3" -v n="$requests" 'BEGIN {printf "%.2f", c * 10 / n}')"
    printf '\n'
}
status=$(command curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$view")
[ "$status" = 200 ] || { echo "the view answers $status, not 200: check VIEW_URL and VIEW_HEADERS"; exit 1; }
wrk -t2 -c64 -d"${warmup}s" "${headers[@]}" "$view" >/dev/null
before=$(ticks)
wrk -t2 -c64 -d"${seconds}s" --latency "${headers[@]}" "$view" >"$work/view.txt"
report "customer's view of one ticket" "$work/view.txt" $(( $(ticks) - before ))
if [ -n "$create" ]; then
    # One create first, with the body and headers the load sends: a peer that refuses it is not measured.
    createHeaders=()
    while IFS= read -r line; do [ -n "$line" ] && createHeaders+=(-H "${line//\{\{n\}\}/check-$$}"); done <<<"${CREATE_HEADERS:-}"
    answer=$(command curl -s -o "$work/create-check.txt" -w '%{http_code}' "${createHeaders[@]}" --data-binary "$(sed "s/{{n}}/check-$$/g" "$CREATE_BODY")" "$create")
    case "$answer" in 2??) ;; *) echo "the create answers $answer, not 2xx: $(head -c 300 "$work/create-check.txt")"; exit 1 ;; esac
    wrk -t2 -c64 -d"${warmup}s" -s tests/load/create.lua "$create" >/dev/null
    before=$(ticks)
    wrk -t2 -c64 -d"${seconds}s" --latency -s tests/load/create.lua "$create" >"$work/create.txt"
    report "API create" "$work/create.txt" $(( $(ticks) - before ))
    grep '^created' "$work/create.txt"
fi
