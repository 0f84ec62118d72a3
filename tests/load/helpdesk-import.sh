#!/usr/bin/env bash
# Benchmark: importing the history of another helpdesk (issue 29) — N tickets from a generated osTicket-style CSV
# (a third of them from customers who appear more than once), through /Admin/HelpdeskImport as an administrator does:
# upload (preview) and import. Release build, a fresh SQLite database, 127.0.0.1. Figures go to docs/performance.md.
#   usage: tests/load/helpdesk-import.sh [tickets=100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
tickets="${1:-100000}"
work="${BENCH_DIR:-/tmp/klantcentraal-import-bench}"
port="${BENCH_PORT:-5183}"
base="http://127.0.0.1:$port"
rm -rf "$work" && mkdir -p "$work"
dotnet build src/KlantCentraal.Web -c Release -v quiet -nologo >/dev/null
csv="$work/tickets.csv"
{
    echo "Ticket Number,Date Created,Subject,From,From Email,Priority,Department,Help Topic,Source,Current Status,Last Updated"
    awk -v n="$tickets" 'BEGIN { for (i = 1; i <= n; i++) { c = int(i * 2 / 3); printf "%d,2025-%02d-%02d 10:30,Product %d defect,Klant %d,klant%d@voorbeeld.nl,Normal,Support,Klacht,Email,Closed,2025-%02d-%02d\n", 100000 + i, (i % 12) + 1, (i % 28) + 1, i % 200, c, c, (i % 12) + 1, (i % 28) + 1 } }'
} >"$csv"
echo "$(wc -l <"$csv") lines, $(du -h "$csv" | cut -f1)"
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
start=$(date +%s.%N)
curl -fs -b "$jar" -c "$jar" -o "$work/preview.html" -F "__RequestVerificationToken=$(token /Admin/HelpdeskImport)" -F "upload=@$csv;type=text/csv" "$base/Admin/HelpdeskImport?handler=Preview"
previewed=$(date +%s.%N)
grep -o 'osTicket: [^<]*' "$work/preview.html" || { echo "no preview"; exit 1; }
# The preview carries the file in its form; the import posts it back, as the browser does.
python3 - "$work/preview.html" "$work/import.txt" <<'PY'
import html, re, sys, urllib.parse
page = open(sys.argv[1], encoding="utf-8").read()
text = html.unescape(re.search(r'name="Text" value="([^"]*)"', page).group(1))
token = re.findall(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', page)[-1]
open(sys.argv[2], "w", encoding="utf-8").write(urllib.parse.urlencode({"Text": text, "__RequestVerificationToken": token}))
PY
curl -fs -b "$jar" -c "$jar" -o "$work/done.html" -H "Content-Type: application/x-www-form-urlencoded" --data-binary "@$work/import.txt" "$base/Admin/HelpdeskImport?handler=Import"
done_at=$(date +%s.%N)
grep -o 'Import klaar: [^<]*' "$work/done.html" || { echo "import failed"; exit 1; }
awk -v s="$start" -v p="$previewed" -v d="$done_at" 'BEGIN { printf "preview %.1f s, import %.1f s, total %.1f s\n", p - s, d - p, d - s }'
echo "working set (MB): $(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
