#!/usr/bin/env bash
# Adds a migration NAME to BOTH migration sets (SQLite and SQL Server) and regenerates the
# idempotent SQL Server script. Runs offline: no database server is contacted.
#   usage: src/KlantCentraal.Web/Data/Migrations/add-migration.sh NAME
set -euo pipefail
name="${1:?usage: add-migration.sh MigrationName}"
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
project=src/KlantCentraal.Web
dotnet build "$project" -c Debug >/dev/null
ef() { dotnet dotnet-ef "$@" --project "$project" --startup-project "$project" --no-build; }
ef migrations add "$name" --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite --namespace KlantCentraal.Web.Data.Migrations.Sqlite
ef migrations add "$name" --context SqlServerAppDbContext --output-dir Data/Migrations/SqlServer --namespace KlantCentraal.Web.Data.Migrations.SqlServer
dotnet build "$project" -c Debug >/dev/null
ef migrations script --idempotent --context SqlServerAppDbContext --output docs/sql/sqlserver-idempotent.sql
echo "Added migration $name for SQLite and SQL Server; docs/sql/sqlserver-idempotent.sql regenerated."
