using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ResolutionGrantedAtStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GrantedAtStoreId",
                table: "Complaints",
                type: "int",
                nullable: true);

            // Until now a budget counted the complaint's current store: every grant so far was made there.
            migrationBuilder.Sql("UPDATE [Complaints] SET [GrantedAtStoreId] = [StoreId] WHERE [ResolvedAt] IS NOT NULL;");
            // Budgets and the burn-down read the goodwill of the store that granted it, from this index alone.
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Goodwill] ON [Complaints];");
            migrationBuilder.Sql("CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([GrantedAtStoreId], [ResolutionAmountCents]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX [IX_Complaints_Goodwill] ON [Complaints];");
            migrationBuilder.Sql("CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([StoreId], [ResolutionAmountCents]);");
            migrationBuilder.DropColumn(
                name: "GrantedAtStoreId",
                table: "Complaints");
        }
    }
}
