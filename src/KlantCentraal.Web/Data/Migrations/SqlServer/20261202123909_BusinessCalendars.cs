using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BusinessCalendars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "Stores",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Netherlands");

            migrationBuilder.CreateTable(
                name: "ClosingDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StoreId = table.Column<int>(type: "int", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClosingDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClosingDays_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClosingDays_Date_StoreId",
                table: "ClosingDays",
                columns: new[] { "Date", "StoreId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClosingDays_StoreId",
                table: "ClosingDays",
                column: "StoreId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClosingDays");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "Stores");
        }
    }
}
