#!/usr/bin/env bash
# Runs every test project of KlantCentraal and ends with one line: "N passed, N failed".
# The browser tests drive Debian's Chromium; it and the test servers (Dovecot, Redis, PostgreSQL, ...) are installed here when missing.
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Desk").
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Hundreds of test hosts: none watches files with inotify (128 instances per user): settings are not reloaded, and
# file providers (wwwroot's versioned links) poll.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null \
        || { echo "Could not install Chromium; the browser tests will fail."; }
fi

# The e-mail tests run against a real IMAP server: Debian's Dovecot, started by the tests themselves.
if [ ! -x /usr/sbin/dovecot ]; then
    echo "Installing Dovecot for the e-mail tests (apt-get install dovecot-imapd)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dovecot-imapd >/dev/null \
        || { echo "Could not install Dovecot; the e-mail tests will fail."; }
fi

# Several instances share rate limits and live updates through Redis: Debian's redis-server, started by the tests.
if [ ! -x /usr/bin/redis-server ]; then
    echo "Installing Redis for the several-instances tests (apt-get install redis-server)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null \
        || { echo "Could not install Redis; the several-instances tests will fail."; }
fi

# Several instances on a real server engine: Debian's PostgreSQL, a throwaway cluster started by the tests themselves.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the server-engine tests (apt-get install postgresql)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
        || { echo "Could not install PostgreSQL; the PostgreSQL tests will fail."; }
fi

# Letters over OAuth2 go to a real SMTP server that checks tokens: Debian's python3-aiosmtpd (tests/smtp).
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
    echo "Installing aiosmtpd for the SMTP tests (apt-get install python3-aiosmtpd)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-aiosmtpd >/dev/null \
        || { echo "Could not install python3-aiosmtpd; the SMTP tests will fail."; }
fi

# Single sign-on is tested against a real OpenID provider: npm's oidc-provider (tests/oidc), on Node.js.
if ! command -v node >/dev/null 2>&1; then
    echo "Installing Node.js for the sign-in tests (apt-get install nodejs npm)..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null \
        || { echo "Could not install Node.js; the sign-in tests will fail."; }
fi
if [ ! -d tests/oidc/node_modules/oidc-provider ]; then
    echo "Installing the OpenID provider for the sign-in tests (npm ci in tests/oidc)..."
    (cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "Could not install oidc-provider; the sign-in tests will fail."
fi
# The OpenAPI document is linted with Redocly CLI's recommended rules (tests/openapi), on the same Node.js.
if [ ! -x tests/openapi/node_modules/.bin/redocly ]; then
    echo "Installing Redocly CLI for the OpenAPI lint (npm ci in tests/openapi)..."
    (cd tests/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "Could not install @redocly/cli; the OpenAPI lint test will fail."
fi

results="$(mktemp -d)"
dotnet test KlantCentraal.sln --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done
rm -rf "$results"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The build or a test host failed before any test could fail: count it as a failure.
    failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
