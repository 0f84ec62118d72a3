using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DailyFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyFigures",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Item = table.Column<string>(type: "nvarchar(208)", maxLength: 208, nullable: false),
                    Complaints = table.Column<int>(type: "int", nullable: false),
                    FirstContact = table.Column<int>(type: "int", nullable: false),
                    GoodwillCents = table.Column<long>(type: "bigint", nullable: false),
                    Rated = table.Column<int>(type: "int", nullable: false),
                    ScoreSum = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyFigures", x => new { x.Kind, x.Day, x.Item });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyFigures");
        }
    }
}
