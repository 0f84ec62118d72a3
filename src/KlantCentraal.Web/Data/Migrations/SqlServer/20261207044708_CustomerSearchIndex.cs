using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Nothing to change on SQL Server (ADR 0038): its full-text index finds words and their beginnings, not a part of a
    /// name or number, so the search there stays a LIKE over the customers, bounded to the newest matches. The model's
    /// trigram table is SQLite's alone and excluded from migrations.
    /// </summary>
    public partial class CustomerSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
