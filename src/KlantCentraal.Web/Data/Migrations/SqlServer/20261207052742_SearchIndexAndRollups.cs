using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
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

            migrationBuilder.Sql("EXEC(N'CREATE INDEX [IX_Complaints_InvestigationGoodwill] ON [Complaints] ([InvestigationId]) INCLUDE ([ResolutionAmountCents]);');");

            // No trigram index on SQL Server (ADR 0038): its full-text index finds words and their beginnings, not any part
            // of a name or number, so the search there stays a LIKE over the customers, bounded to the newest matches.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_InvestigationGoodwill] ON [Complaints];");

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
