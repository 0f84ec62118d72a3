using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Stores;

public class StoreImport(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private const string Header = "code;naam;plaats;adres;telefoon;email;meetekenlimiet;maandbudget;ma;di;wo;do;vr;za;zo";

    [Fact]
    public async Task A_semicolon_file_with_a_byte_order_mark_shows_a_preview_saves_nothing_and_imports_on_confirmation()
    {
        var admin = await AdminAsync();
        var csv = "\uFEFF" + Header + "\nDH-01;KlantCentraal Den Haag;Den Haag;Spuistraat 1;070-1234567;denhaag@example.nl;;2.500,00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-21:00;10:00-17:00;\n"
            + "ZW-01;KlantCentraal Zwolle;Zwolle;;;;150;;9-18;9-18;9-18;9-18;9-18;gesloten;gesloten\n";

        var preview = await PreviewAsync(admin, csv);

        Assert.Contains("2 rij(en): 2 nieuw, 0 bestaand (worden bijgewerkt), 0 met fouten.", WebUtility.HtmlDecode(preview));
        Assert.False(await factory.WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == "DH-01")));

        var imported = await ConfirmAsync(admin, preview);
        Assert.False(await factory.WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == "DH-01")));
        var done = await factory.RunImportAsync(admin, imported);

        Assert.Contains("Import klaar: 2 nieuwe winkel(s), 0 bijgewerkt, 0 ongewijzigd.", done);
        var store = await factory.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DH-01"));
        Assert.Equal(250_000, store.MonthlyBudgetCents);
        Assert.Equal(new TimeOnly(21, 0), store.OpeningHours[DayOfWeek.Friday]!.Value.Closes);
        Assert.Null(store.OpeningHours[DayOfWeek.Sunday]);
        Assert.Equal(15_000, (await factory.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "ZW-01"))).CoSignLimitCents);
    }

    [Fact]
    public async Task Importing_again_by_code_updates_the_store_instead_of_adding_one()
    {
        var admin = await AdminAsync();
        await factory.RunImportAsync(admin, await ConfirmAsync(admin, await PreviewAsync(admin, "code,name,city\nEH-01,KlantCentraal Eindhoven,Eindhoven\n")));

        var preview = await PreviewAsync(admin, "code,name,city,phone\neh-01,KlantCentraal Eindhoven Centrum,Eindhoven,040-1234567\n");
        Assert.Contains("Import klaar: 0 nieuwe winkel(s), 1 bijgewerkt, 0 ongewijzigd.", await factory.RunImportAsync(admin, await ConfirmAsync(admin, preview)));

        Assert.Contains("1 rij(en): 0 nieuw, 1 bestaand", WebUtility.HtmlDecode(preview));
        var stores = await factory.WithDbAsync(db => db.Stores.Where(s => s.Code == "EH-01").ToListAsync());
        Assert.Equal("KlantCentraal Eindhoven Centrum", Assert.Single(stores).Name);
        Assert.Equal("040-1234567", stores[0].Phone);
    }

    [Fact]
    public async Task A_missing_column_is_reported_for_the_file_and_nothing_can_be_imported()
    {
        var admin = await AdminAsync();

        var preview = WebUtility.HtmlDecode(await PreviewAsync(admin, "code;plaats\nGR-01;Groningen\n"));

        Assert.Contains("De kolom \"naam\" ontbreekt.", preview);
        Assert.DoesNotContain("winkel(s) importeren", preview);
    }

    [Fact]
    public async Task A_duplicate_code_a_comma_row_in_a_semicolon_file_and_bad_values_each_get_their_line_and_nothing_is_saved()
    {
        var admin = await AdminAsync();
        var csv = Header + "\n"
            + "AR-01;KlantCentraal Arnhem;Arnhem;;;;;;;;;;;;\n"
            + "AR-01;KlantCentraal Arnhem 2;Arnhem;;;;;;;;;;;;\n"
            + "NM-01,KlantCentraal Nijmegen,Nijmegen\n"
            + "BR-01;KlantCentraal Breda;Breda;;;geen-mail;;veel;ma-vr;;;;;;\n";

        var preview = WebUtility.HtmlDecode(await PreviewAsync(admin, csv));

        Assert.Contains("Winkelcode AR-01 staat ook op regel 2.", preview);
        Assert.Contains("Deze regel heeft 1 kolommen, de kopregel 15. Gebruikt deze regel een ander scheidingsteken", preview);
        Assert.Contains("Vul een geldig e-mailadres in", preview);
        Assert.Contains("Maandbudget \"veel\" is geen bedrag.", preview);
        Assert.Contains("maandag: \"ma-vr\" is geen openingstijd.", preview);
        Assert.Contains("4 rij(en): 4 nieuw, 0 bestaand (worden bijgewerkt), 3 met fouten.", preview);
        Assert.DoesNotContain("winkel(s) importeren", preview);

        // A crafted confirmation of the same text is checked again and refused.
        var refused = await admin.PostAsync("/Admin/StoreImport?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Text"] = csv,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await admin.GetHtmlAsync("/Admin/StoreImport")),
        }));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Er is niets opgeslagen", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == "AR-01" || s.Code == "BR-01")));
    }

    [Fact]
    public async Task Ten_thousand_stores_are_previewed_then_imported_in_pieces_with_their_progress_on_a_page_of_their_own()
    {
        var admin = await AdminAsync();
        var csv = new StringBuilder("code;naam;plaats;maandbudget\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append("BULK-").Append(i).Append(";Winkel ").Append(i).Append(";Plaats ").Append(i % 50).Append(";1000\n");
        }

        var preview = await PreviewAsync(admin, csv.ToString());
        Assert.Contains("10000 winkel(s) importeren", preview);
        var done = await factory.RunImportAsync(admin, await ConfirmAsync(admin, preview));

        Assert.Contains("Import klaar: 10000 nieuwe winkel(s), 0 bijgewerkt, 0 ongewijzigd.", done);
        Assert.Contains("klaar, 10.000 rij(en)", WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/StoreImport")));
        Assert.Equal(10_000, await factory.WithDbAsync(db => db.Stores.CountAsync(s => s.Code.StartsWith("BULK-"))));
    }

    [Fact]
    public async Task A_file_far_above_the_limit_gets_a_clear_message_not_an_error_page()
    {
        var admin = await AdminAsync();

        var preview = WebUtility.HtmlDecode(await PreviewAsync(admin, new string('a', 20 * 1024 * 1024)));

        Assert.Contains("Het bestand is groter dan 5 MB. Splits het in delen.", preview);
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }

    private static async Task<string> PreviewAsync(HttpClient admin, string csv)
    {
        var token = HttpClientExtensions.AntiforgeryToken(await admin.GetHtmlAsync("/Admin/StoreImport"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "upload", "winkels.csv");
        var response = await admin.PostAsync("/Admin/StoreImport?handler=Preview", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient admin, string preview)
    {
        var text = System.Text.RegularExpressions.Regex.Match(preview, "name=\"Text\" value=\"([^\"]*)\"").Groups[1].Value;
        return await admin.PostAsync("/Admin/StoreImport?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Text"] = WebUtility.HtmlDecode(text),
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(preview),
        }));
    }
}
