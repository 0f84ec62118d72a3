#!/usr/bin/env bash
# Benchmark: the administrators' imports (issues 29 and 32), through the pages as an administrator uses them — upload
# (preview), confirm, then the progress page until the import has ended — on a fresh SQLite database, Release, 127.0.0.1.
#   stores N:   a generated CSV of N stores (/Admin/StoreImport)
#   helpdesk N: a generated osTicket-style CSV of N tickets, a third of them from customers who appear more than once
#               (/Admin/HelpdeskImport)
# Prints the preview's time, the confirmation's answer time, the time until the progress page says it has ended, the
# progress the page showed on the way, and the app's working set. RUNS=2 imports a second file of new rows into the same
# (now warmed-up) app, as an administrator's second import meets a running app. Figures go to docs/performance.md.
#   usage: [RUNS=1] tests/load/import.sh [stores|helpdesk] [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
kind="${1:-helpdesk}"
rows="${2:-$([ "$kind" = stores ] && echo 10000 || echo 100000)}"
work="${BENCH_DIR:-/tmp/klantcentraal-import-bench}"
port="${BENCH_PORT:-5183}"
base="http://127.0.0.1:$port"
rm -rf "$work" && mkdir -p "$work"
dotnet build src/KlantCentraal.Web -c Release -v quiet -nologo >/dev/null
page=$([ "$kind" = stores ] && echo /Admin/StoreImport || echo /Admin/HelpdeskImport)
# A file of new rows for run $1: its codes and ticket numbers differ per run.
make_csv() {
    if [ "$kind" = stores ]; then
        echo "code;naam;plaats;adres;telefoon;email;meetekenlimiet;maandbudget;ma;di;wo;do;vr;za;zo"
        awk -v n="$rows" -v r="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "BULK%d-%05d;Winkel %d;Plaats %d;Straat %d;030-%07d;winkel%d@voorbeeld.nl;;1000;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-21:00;10:00-17:00;\n", r, i, i, i % 50, i, i, i }'
    else
        echo "Ticket Number,Date Created,Subject,From,From Email,Priority,Department,Help Topic,Source,Current Status,Last Updated"
        awk -v n="$rows" -v r="$1" 'BEGIN { for (i = 1; i <= n; i++) { c = int(i * 2 / 3); printf "%d,2025-%02d-%02d 10:30,Product %d defect,Klant %d,klant%d.%d@voorbeeld.nl,Normal,Support,Klacht,Email,Closed,2025-%02d-%02d\n", r * 10000000 + i, (i % 12) + 1, (i % 28) + 1, i % 200, c, r, c, (i % 12) + 1, (i % 28) + 1 } }'
    fi
}
cd src/KlantCentraal.Web/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT=Development Seed__DemoComplaints=false RootCauseQueue__WorkerEnabled=false Webhooks__WorkerEnabled=false Reports__WorkerEnabled=false \
       ConnectionStrings__Sqlite="Data Source=$work/import.db" Serilog__MinimumLevel__Default=Warning
dotnet KlantCentraal.Web.dll --urls "$base" >"$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done
jar="$work/cookies.txt"
token() { curl -fs -b "$jar" -c "$jar" "$base$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Input.Email=beheer@klantcentraal.test" --data-urlencode "Input.Password=KlantCentraal-demo-2026" \
    --data-urlencode "__RequestVerificationToken=$(token /Account/Login)" "$base/Account/Login"
now() { date +%s.%N; }
# The preview carries the file in its form; the confirmation posts it back, as the browser does.
form_of_preview() {
    python3 - "$1" "$2" <<'PY'
import html, re, sys, urllib.parse
page = open(sys.argv[1], encoding="utf-8").read()
text = html.unescape(re.search(r'name="Text" value="([^"]*)"', page).group(1))
token = re.findall(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', page)[-1]
open(sys.argv[2], "w", encoding="utf-8").write(urllib.parse.urlencode({"Text": text, "__RequestVerificationToken": token}))
PY
}
for run in $(seq 1 "${RUNS:-1}"); do
    csv="$work/import-$run.csv"
    make_csv "$run" >"$csv"
    echo "run $run, $kind: $(( $(wc -l <"$csv") - 1 )) rows, $(du -h "$csv" | cut -f1)"
    start=$(now)
    curl -fs -b "$jar" -c "$jar" -o "$work/preview.html" -F "__RequestVerificationToken=$(token $page)" -F "upload=@$csv;type=text/csv" "$base$page?handler=Preview"
    previewed=$(now)
    grep -q 'name="Text"' "$work/preview.html" || { echo "no importable preview"; exit 1; }
    form_of_preview "$work/preview.html" "$work/import.txt"
    job=$(curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{redirect_url}' -H "Content-Type: application/x-www-form-urlencoded" --data-binary "@$work/import.txt" "$base$page?handler=Import")
    confirmed=$(now)
    [ -n "$job" ] || { echo "the confirmation did not lead to a progress page"; exit 1; }
    # The progress page's own question, as its script asks it (every second there; five times a second here).
    seen=""
    while :; do
        state=$(curl -fs -b "$jar" "$job?handler=Progress")
        seen="$seen $(grep -o '[0-9.]* van [0-9.]* rij(en) opgeslagen' <<<"$state" | cut -d' ' -f1 || true)"
        grep -q 'data-finished="true"' <<<"$state" && break
        sleep 0.2
    done
    ended=$(now)
    grep -o 'Import klaar: [^<]*\|De import is gestopt[^<]*' <<<"$state"
    awk -v s="$start" -v p="$previewed" -v c="$confirmed" -v e="$ended" 'BEGIN { printf "preview %.2f s, confirmation answered in %.2f s, import ended %.2f s after it (total %.2f s)\n", p - s, c - p, e - c, e - s }'
    echo "progress seen on the page:$(tr -s ' ' <<<"$seen" | tr ' ' '\n' | grep . | uniq | tr '\n' ' ')"
done
echo "working set (MB): $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
