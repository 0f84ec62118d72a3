using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SubmissionClientAndSecondCoSigner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_SubmissionId",
                table: "Complaints");

            migrationBuilder.AddColumn<string>(
                name: "SecondCoSignedById",
                table: "Complaints",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecondCoSignedByName",
                table: "Complaints",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Complaints",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SubmissionId_SubmittedBy",
                table: "Complaints",
                columns: new[] { "SubmissionId", "SubmittedBy" },
                unique: true,
                filter: "[SubmissionId] IS NOT NULL AND [SubmittedBy] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_SubmissionId_SubmittedBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SecondCoSignedById",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SecondCoSignedByName",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Complaints");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SubmissionId",
                table: "Complaints",
                column: "SubmissionId",
                unique: true,
                filter: "[SubmissionId] IS NOT NULL");
        }
    }
}
