using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeskPolicyAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TrustFlagReason",
                table: "Customers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TrustFlaggedAt",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrustFlaggedByName",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoSignReasons",
                table: "Complaints",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoSignedById",
                table: "Complaints",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CoSignedByName",
                table: "Complaints",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name",
                table: "Customers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Postcode",
                table: "Customers",
                column: "Postcode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Postcode",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "TrustFlagReason",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "TrustFlaggedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "TrustFlaggedByName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CoSignReasons",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CoSignedById",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CoSignedByName",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Complaints");
        }
    }
}
