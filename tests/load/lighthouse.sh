#!/usr/bin/env bash
# Lighthouse on the customer pages: /, /Track, /Complain and a status page, all four categories, mobile emulation.
# Installs Lighthouse 12 from npm into a scratch folder, starts the app (Release, Development, demo data) on
# 127.0.0.1, finds a demo complaint's status page through the lookup form, and prints one line of scores per page.
#   usage: tests/load/lighthouse.sh      (figures go to docs/performance.md by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${LH_DIR:-/tmp/klantcentraal-lighthouse}"
port="${LH_PORT:-5196}"
base="http://127.0.0.1:$port"
mkdir -p "$work"
[ -x "$work/node_modules/.bin/lighthouse" ] || (cd "$work" && npm install --no-audit --no-fund lighthouse@12 >/dev/null)
dotnet build src/KlantCentraal.Web -c Release -v quiet -nologo >/dev/null
db="$work/lighthouse.db"; rm -f "$db" "$db-wal" "$db-shm"
(cd src/KlantCentraal.Web/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development Seed__DemoComplaints=true \
    ConnectionStrings__Sqlite="Data Source=$db" Mail__PickupDirectory="$work/mail" exec dotnet KlantCentraal.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done

# A status page: look up a demo complaint (Fatima, postcode 1012 AB) as a customer would.
code=$(sqlite3 "$db" "SELECT TrackingCode FROM Complaints c JOIN Customers u ON u.Id = c.CustomerId WHERE u.Postcode = '1012AB' LIMIT 1")
jar="$work/cookies.txt"; rm -f "$jar"
token=$(curl -fs -c "$jar" "$base/Track" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
status=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "Input.Code=$code" \
    --data-urlencode "Input.PostcodeOrEmail=1012 AB" --data-urlencode "__RequestVerificationToken=$token" "$base/Track")

for url in "$base/" "$base/Track" "$base/Complain" "$status"; do
    "$work/node_modules/.bin/lighthouse" "$url" --quiet --output=json --output-path="$work/report.json" \
        --chrome-path="${CHROMIUM_PATH:-/usr/bin/chromium}" --chrome-flags="--headless=new --no-sandbox" \
        --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1
    node -e 'const r=require(process.argv[1]);const c=r.categories;console.log(`${r.finalDisplayedUrl.replace(/\?t=.*/,"?t=…")}: performance ${Math.round(c.performance.score*100)}, accessibility ${Math.round(c.accessibility.score*100)}, best practices ${Math.round(c["best-practices"].score*100)}, SEO ${Math.round(c.seo.score*100)}`); for (const [id,a] of Object.entries(r.audits)) if (a.score!==null && a.score<1 && a.scoreDisplayMode!=="informative" && a.scoreDisplayMode!=="manual" && a.scoreDisplayMode!=="notApplicable") console.log(`   ${id}: ${a.title}`)' "$work/report.json"
done
