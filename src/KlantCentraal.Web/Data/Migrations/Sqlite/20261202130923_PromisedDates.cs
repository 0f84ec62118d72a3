using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PromisedDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "Complaints",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RespondBy",
                table: "Complaints",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RespondBy",
                table: "Complaints");
        }
    }
}
