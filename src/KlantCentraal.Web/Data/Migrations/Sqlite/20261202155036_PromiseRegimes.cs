using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PromiseRegimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Regime",
                table: "OrganisationSettings",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Retail");

            migrationBuilder.AddColumn<string>(
                name: "RegimesJson",
                table: "OrganisationSettings",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<DateTime>(
                name: "ClockPausedSince",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PromiseKept",
                table: "Complaints",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Regime",
                table: "Complaints",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Retail");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints",
                columns: new[] { "Status", "RespondBy" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PromisesKept",
                table: "Complaints",
                columns: new[] { "RespondBy", "StoreId", "Regime", "PromiseKept" });

            // Promises already resolved count as kept or not by the day they were resolved (UTC; promises are a day old).
            migrationBuilder.Sql("UPDATE Complaints SET PromiseKept = CASE WHEN date(ResolvedAt) <= RespondBy THEN 1 ELSE 0 END WHERE RespondBy IS NOT NULL AND ResolvedAt IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Complaints_Overdue",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_PromisesKept",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Regime",
                table: "OrganisationSettings");

            migrationBuilder.DropColumn(
                name: "RegimesJson",
                table: "OrganisationSettings");

            migrationBuilder.DropColumn(
                name: "ClockPausedSince",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PromiseKept",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Regime",
                table: "Complaints");
        }
    }
}
