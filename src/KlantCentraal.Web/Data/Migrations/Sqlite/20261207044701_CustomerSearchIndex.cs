using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KlantCentraal.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The trigram index over customers (ADR 0038): an FTS5 table whose row id is the customer's id and whose one column
    /// holds the folded name, e-mail address and phone number, one per line; triggers keep it with every write, whoever
    /// makes it (EF, the volume seeder, an import). A migration that rebuilds <c>Customers</c> drops these triggers and
    /// must create them again (the search tests fail if it does not).
    /// </summary>
    public partial class CustomerSearchIndex : Migration
    {
        private const string Text = "ifnull({0}.\"SearchName\", '') || char(10) || ifnull({0}.\"Email\", '') || char(10) || ifnull({0}.\"Phone\", '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"CustomerSearch\" USING fts5(\"Text\", tokenize = 'trigram', detail = 'none');");
            migrationBuilder.Sql($"INSERT INTO \"CustomerSearch\" (rowid, \"Text\") SELECT \"Id\", {string.Format(null, Text, "\"Customers\"")} FROM \"Customers\";");
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CustomerSearch_Insert" AFTER INSERT ON "Customers" BEGIN
                    INSERT INTO "CustomerSearch" (rowid, "Text") VALUES (new."Id", {string.Format(null, Text, "new")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CustomerSearch_Update" AFTER UPDATE OF "SearchName", "Email", "Phone" ON "Customers" BEGIN
                    UPDATE "CustomerSearch" SET "Text" = {string.Format(null, Text, "new")} WHERE rowid = new."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CustomerSearch_Delete" AFTER DELETE ON "Customers" BEGIN
                    DELETE FROM "CustomerSearch" WHERE rowid = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"CustomerSearch_Insert\";");
            migrationBuilder.Sql("DROP TABLE \"CustomerSearch\";");
        }
    }
}
