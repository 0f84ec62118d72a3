using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The managers' investigation list shows each investigation's complaints and their goodwill. At ten million
    /// complaints a popular product's investigation has ten thousand, and summing their amounts read every one of those
    /// rows (1.8 s for a page of 25). This index covers the count and the sum. Raw SQL: the amount belongs to the
    /// resolution, a complex type EF cannot index (as IX_Complaints_Dashboard in the baseline).
    /// </summary>
    public partial class InvestigationGoodwillIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX \"IX_Complaints_InvestigationGoodwill\" ON \"Complaints\" (\"InvestigationId\", \"ResolutionAmountCents\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Complaints_InvestigationGoodwill\";");
        }
    }
}
