using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The trigram indexes over customers (ADR 0038): <c>pg_trgm</c>'s GIN indexes answer <c>LIKE '%…%'</c> on the folded
    /// name, the e-mail address and the phone number, so the search needs no query of its own on PostgreSQL.
    /// </summary>
    public partial class CustomerSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Customers_SearchName_Trigram\" ON \"Customers\" USING gin (\"SearchName\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_Customers_Email_Trigram\" ON \"Customers\" USING gin (\"Email\" gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_Customers_Phone_Trigram\" ON \"Customers\" USING gin (\"Phone\" gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Customers_Phone_Trigram\";");
            migrationBuilder.Sql("DROP INDEX \"IX_Customers_Email_Trigram\";");
            migrationBuilder.Sql("DROP INDEX \"IX_Customers_SearchName_Trigram\";");
        }
    }
}
