using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RepeatCustomerNeighbours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextOfCustomerAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PreviousOfCustomerAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            // Every complaint learns when the same customer's complaint before and after it came in (the app keeps this
            // from now on, Reporting.DailyFigures). The same statement on SQLite and SQL Server.
            migrationBuilder.Sql(
                "UPDATE Complaints SET " +
                "PreviousOfCustomerAt = (SELECT MAX(p.ReceivedAt) FROM Complaints p WHERE p.CustomerId = Complaints.CustomerId " +
                "AND (p.ReceivedAt < Complaints.ReceivedAt OR (p.ReceivedAt = Complaints.ReceivedAt AND p.Id < Complaints.Id))), " +
                "NextOfCustomerAt = (SELECT MIN(n.ReceivedAt) FROM Complaints n WHERE n.CustomerId = Complaints.CustomerId " +
                "AND (n.ReceivedAt > Complaints.ReceivedAt OR (n.ReceivedAt = Complaints.ReceivedAt AND n.Id > Complaints.Id)));");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_RepeatCustomers",
                table: "Complaints",
                columns: new[] { "ReceivedAt", "PreviousOfCustomerAt", "NextOfCustomerAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_RepeatCustomers",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "NextOfCustomerAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PreviousOfCustomerAt",
                table: "Complaints");
        }
    }
}
