using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Investigations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ActionDueDate",
                table: "Investigations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActionOwner",
                table: "Investigations",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CauseCategory",
                table: "Investigations",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CauseStatement",
                table: "Investigations",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Investigations",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "Investigations",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectiveAction",
                table: "Investigations",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueDate",
                table: "Investigations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "EffectivenessCheckDate",
                table: "Investigations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FixedAt",
                table: "Investigations",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImprovementText",
                table: "Investigations",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Investigations",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Investigations",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "Investigations",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreventiveAction",
                table: "Investigations",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedAt",
                table: "Investigations",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Investigations",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Whys",
                table: "Investigations",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeedbackAt",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeedbackRemark",
                table: "Complaints",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Resolution_FirstContact",
                table: "Complaints",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Resolution_MinutesToResolve",
                table: "Complaints",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SatisfactionScore",
                table: "Complaints",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerHistory_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Investigations_OpenedAt",
                table: "Investigations",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHistory_CustomerId",
                table: "CustomerHistory",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerHistory");

            migrationBuilder.DropIndex(
                name: "IX_Investigations_OpenedAt",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ActionDueDate",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ActionOwner",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "CauseCategory",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "CauseStatement",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "CorrectiveAction",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "DueDate",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "EffectivenessCheckDate",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "FixedAt",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ImprovementText",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "OwnerName",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "PreventiveAction",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "Whys",
                table: "Investigations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "FeedbackAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "FeedbackRemark",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Resolution_FirstContact",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Resolution_MinutesToResolve",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SatisfactionScore",
                table: "Complaints");
        }
    }
}
