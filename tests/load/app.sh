# Shared by run.sh and profile.sh (sourced): starts the published app in "$web" on port 5191 over "$work/app.db" in
# Production behind a pretend TLS proxy, signs the desk in, records one complaint and opens its status page.
# Sets: pid, base, proxy, jar, cookie, token, code, statusUrl; defines curl (with the proxy header) and sign_in.
# APP_ENV: extra environment for the measured app (e.g. DOTNET_PerfMapEnabled=1).
settings=(Seed__DemoComplaints=false Organisation__PublicBaseUrl=https://klachten.example.nl/ Mail__Delivery=Pickup Privacy__JobEnabled=false ConnectionStrings__Sqlite="Data Source=$work/app.db"
    Mail__PickupDirectory="$work/mail" Serilog__MinimumLevel__Default=Warning
    RateLimits__LookupsPerClientPerMinute=1000000 RateLimits__LookupsPerCodePerHour=1000000)
# Demo accounts exist only in Development: one start there creates them in the database, then the measured app
# runs in Production. Its cookies are Secure and antiforgery insists on HTTPS, so every request says it came
# through a TLS proxy, which the app trusts with forwarded headers on (as behind a real proxy).
(cd "$web" && env ASPNETCORE_ENVIRONMENT=Development "${settings[@]}" dotnet KlantCentraal.Web.dll --urls http://localhost:5191 >"$work/seed.log" 2>&1) &
until curl -fs http://127.0.0.1:5191/health >/dev/null 2>&1; do sleep 0.2; done
pkill -f "KlantCentraal.Web.dll --urls http://localhost:5191"
while curl -fs http://127.0.0.1:5191/health >/dev/null 2>&1; do sleep 0.2; done
# Thousands of refunds are recorded: the demo stores' monthly goodwill budget (EUR 5,000) would send every complaint
# after the 200th to a manager's co-sign, and the desk would answer the form again instead of recording it.
command -v sqlite3 >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
sqlite3 -cmd ".timeout 10000" "$work/app.db" "UPDATE Stores SET MonthlyBudgetCents = NULL;"
(cd "$web" && env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_FORWARDEDHEADERS_ENABLED=true "${settings[@]}" ${APP_ENV:-} \
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

