using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Issue 32 at ten million complaints: the customer search's trigram index (ADR 0038), a covering index for each
    /// investigation's complaints and goodwill, and the dashboard's repeat customers and promises in the daily roll-up
    /// (ADR 0039; its layout stamp makes the first start count the roll-up again), whose overdue count reads its index only.
    /// The amount belongs to the resolution, a complex type EF cannot index: that index is raw SQL, as in the baseline.
    /// </summary>
    public partial class SearchIndexAndRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_RepeatCustomers",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_DailyFigures_Sums",
                table: "DailyFigures",
                columns: new[] { "Kind", "Day", "Item", "Complaints" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints",
                columns: new[] { "Status", "RespondBy", "ClockPausedSince" });

            migrationBuilder.Sql("CREATE INDEX \"IX_Complaints_InvestigationGoodwill\" ON \"Complaints\" (\"InvestigationId\") INCLUDE (\"ResolutionAmountCents\");");

            // The trigram indexes over customers: pg_trgm's GIN indexes answer LIKE '%…%' on the folded name, the e-mail
            // address and the phone number, so the search needs no query of its own on PostgreSQL.
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
            migrationBuilder.Sql("DROP INDEX \"IX_Complaints_InvestigationGoodwill\";");

            migrationBuilder.DropIndex(
                name: "IX_DailyFigures_Sums",
                table: "DailyFigures");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints",
                columns: new[] { "Status", "RespondBy" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_RepeatCustomers",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "PreviousOfCustomerAt", "NextOfCustomerAt" });
        }
    }
}
