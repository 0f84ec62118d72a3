using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Stores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StoreId",
                table: "Complaints",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AllStores", // existing accounts keep working for every store until an administrator assigns them
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "Stores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    City = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    OpeningHours = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    CoSignLimitCents = table.Column<long>(type: "bigint", nullable: true),
                    MonthlyBudgetCents = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoreMemberships",
                columns: table => new
                {
                    StaffUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    StoreId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreMemberships", x => new { x.StaffUserId, x.StoreId });
                    table.ForeignKey(
                        name: "FK_StoreMemberships_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StoreMemberships_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_StoreId_ReceivedAt",
                table: "Complaints",
                columns: new[] { "StoreId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StoreMemberships_StoreId",
                table: "StoreMemberships",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Stores_Code",
                table: "Stores",
                column: "Code",
                unique: true);

            // The dashboard's covering index gains StoreId, so the store comparison reads the index alone.
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Dashboard] ON [Complaints];");
            migrationBuilder.Sql(
                "EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) " +
                "INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve], [StoreId])');");
            // Goodwill granted per month and store: budgets and the burn-down read this index alone.
            migrationBuilder.Sql("CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([StoreId], [ResolutionAmountCents]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Goodwill] ON [Complaints];");
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Dashboard] ON [Complaints];");
            migrationBuilder.Sql(
                "EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) " +
                "INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve])');");

            migrationBuilder.DropTable(
                name: "StoreMemberships");

            migrationBuilder.DropTable(
                name: "Stores");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_StoreId_ReceivedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "StoreId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "AllStores",
                table: "AspNetUsers");
        }
    }
}
