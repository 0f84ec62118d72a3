using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Complaints",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.Sql("UPDATE \"Complaints\" SET \"ReceivedOn\" = substr(\"ReceivedAt\", 1, 10);");

            // Covers every column the dashboard aggregates, so a period's figures come from this index alone.
            migrationBuilder.Sql(
                "CREATE INDEX \"IX_Complaints_Dashboard\" ON \"Complaints\" (\"ReceivedAt\", \"Status\", \"ReceivedOn\", \"CustomerId\", \"ProductKey\", " +
                "\"InvestigationId\", \"SatisfactionScore\", \"ResolutionAmountCents\", \"Resolution_FirstContact\", \"Resolution_MinutesToResolve\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Complaints_Dashboard\";");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Complaints");
        }
    }
}
