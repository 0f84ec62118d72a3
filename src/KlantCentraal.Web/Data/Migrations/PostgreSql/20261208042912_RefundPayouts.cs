using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RefundPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RefundPaidByName",
                table: "Complaints",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RefundPaidOn",
                table: "Complaints",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefundPaymentReference",
                table: "Complaints",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefundPaidByName",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RefundPaidOn",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RefundPaymentReference",
                table: "Complaints");
        }
    }
}
