using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ApiKeyStores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StoreIds",
                table: "ApiKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_OccurredAt_ComplaintId",
                table: "TimelineEvents",
                columns: new[] { "OccurredAt", "ComplaintId" });

            // Adding a customer's message was part of creating complaints: keys that could create keep it (issue 29).
            migrationBuilder.Sql("UPDATE ApiKeys SET Scopes = Scopes | 4 WHERE (Scopes & 2) = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_OccurredAt_ComplaintId",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "StoreIds",
                table: "ApiKeys");
        }
    }
}
