using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
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
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // EXEC: the idempotent script runs this in the same batch that adds the column, so it must compile late.
            migrationBuilder.Sql("EXEC(N'UPDATE [Complaints] SET [ReceivedOn] = CAST([ReceivedAt] AS date)');");

            // Covers every column the dashboard aggregates, so a period's figures come from this index alone.
            migrationBuilder.Sql(
                "EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) " +
                "INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve])');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Dashboard] ON [Complaints];");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Complaints");
        }
    }
}
