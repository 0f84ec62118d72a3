#!/usr/bin/env bash
# Adds a migration NAME to ALL THREE migration sets (SQLite, SQL Server, PostgreSQL) and regenerates the
# idempotent scripts of the server engines. Runs offline: no database server is contacted.
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
ef migrations add "$name" --context PostgreSqlAppDbContext --output-dir Data/Migrations/PostgreSql --namespace KlantCentraal.Web.Data.Migrations.PostgreSql
dotnet build "$project" -c Debug >/dev/null
ef migrations script --idempotent --context SqlServerAppDbContext --output docs/sql/sqlserver-idempotent.sql
ef migrations script --idempotent --context PostgreSqlAppDbContext --output docs/sql/postgresql-idempotent.sql
echo "Added migration $name for SQLite, SQL Server and PostgreSQL; docs/sql/*-idempotent.sql regenerated."
