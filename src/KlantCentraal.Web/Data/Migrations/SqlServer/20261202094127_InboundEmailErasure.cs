using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InboundEmailErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EraseRequestedAt",
                table: "InboundEmails",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EraseRequestedAt",
                table: "InboundEmails");
        }
    }
}
