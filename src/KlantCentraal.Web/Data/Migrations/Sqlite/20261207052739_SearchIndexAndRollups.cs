using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Issue 32 at ten million complaints: the customer search's trigram index (ADR 0038), a covering index for each
    /// investigation's complaints and goodwill, and the dashboard's repeat customers and promises in the daily roll-up
    /// (ADR 0039; its layout stamp makes the first start count the roll-up again), whose overdue count reads its index only.
    /// The amount belongs to the resolution, a complex type EF cannot index: that index is raw SQL, as in the baseline.
    /// </summary>
    public partial class SearchIndexAndRollups : Migration
    {
        private static string SearchText(string row) =>
            $"ifnull({row}.\"SearchName\", '') || char(10) || ifnull({row}.\"Email\", '') || char(10) || ifnull({row}.\"Phone\", '')";

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

            migrationBuilder.Sql("CREATE INDEX \"IX_Complaints_InvestigationGoodwill\" ON \"Complaints\" (\"InvestigationId\", \"ResolutionAmountCents\");");

            // The trigram index over customers: an FTS5 table whose row id is the customer's id and whose one column holds
            // the folded name, e-mail address and phone number, one per line; triggers keep it with every write, whoever
            // makes it (EF, the volume seeder, an import). A migration that rebuilds "Customers" drops these triggers and
            // must create them again (the search tests fail if it does not).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"CustomerSearch\" USING fts5(\"Text\", tokenize = 'trigram', detail = 'none');");
            migrationBuilder.Sql($"INSERT INTO \"CustomerSearch\" (rowid, \"Text\") SELECT \"Id\", {SearchText("\"Customers\"")} FROM \"Customers\";");
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CustomerSearch_Insert" AFTER INSERT ON "Customers" BEGIN
                    INSERT INTO "CustomerSearch" (rowid, "Text") VALUES (new."Id", {SearchText("new")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CustomerSearch_Update" AFTER UPDATE OF "SearchName", "Email", "Phone" ON "Customers" BEGIN
                    UPDATE "CustomerSearch" SET "Text" = {SearchText("new")} WHERE rowid = new."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CustomerSearch_Delete" AFTER DELETE ON "Customers" BEGIN
                    DELETE FROM "CustomerSearch" WHERE rowid = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Insert\";");
            migrationBuilder.Sql("DROP TABLE \"CustomerSearch\";");
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
