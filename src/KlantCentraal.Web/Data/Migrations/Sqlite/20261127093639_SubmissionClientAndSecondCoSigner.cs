using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecondCoSignedByName",
                table: "Complaints",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Complaints",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SubmissionId_SubmittedBy",
                table: "Complaints",
                columns: new[] { "SubmissionId", "SubmittedBy" },
                unique: true);
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
                unique: true);
        }
    }
}
