using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PromisesRolledUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints",
                columns: new[] { "Status", "RespondBy", "ClockPausedSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints",
                columns: new[] { "Status", "RespondBy" });
        }
    }
}
