using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Admin;

/// <summary>
/// Issue 29, part 4: the history of the helpdesk used before comes in — osTicket's CSV export, any CSV, Zendesk's JSON —
/// previewed with every row's errors, stored only whole, once per ticket (a second import updates), and the desk
/// greets the customer with it ("welkom terug") on day one.
/// </summary>
public sealed partial class HelpdeskImportPage(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [GeneratedRegex("name=\"Text\" value=\"([^\"]*)\"")]
    private static partial Regex CarriedText();

    [Fact]
    public async Task An_osticket_export_is_previewed_imported_once_and_the_desk_welcomes_the_customer_back_with_it()
    {
        var known = $"fatima.{Guid.NewGuid():N}@example.nl";
        var fresh = $"jan.{Guid.NewGuid():N}@example.nl";
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        await desk.PostFormAsync("/Desk", DeskForm.Valid(known, product: "Waterkoker"));
        var prefix = Guid.NewGuid().ToString("N")[..6];
        string Export(string firstSubject) =>
            "Ticket Number,Date Created,Subject,From,From Email,Priority,Department,Help Topic,Source,Current Status,Last Updated\r\n" +
            $"{prefix}1,3/14/25 10:30 AM,{firstSubject},Fatima el Amrani,{known},Normal,Support,Klacht,Email,Closed,3/15/25 9:00 AM\r\n" +
            $"{prefix}2,2025-06-01 14:00,Broodrooster brandt,Fatima el Amrani,{known},Normal,Support,Klacht,Web,Closed,2025-06-02\r\n" +
            $"{prefix}3,01-09-2025 09:15,Stofzuiger zuigt niet,Jan Visser,{fresh},Normal,Support,Klacht,Phone,Open,01-09-2025\r\n";
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);

        var preview = await (await UploadAsync(admin, Export("Waterkoker lekt"), "tickets.csv")).Content.ReadAsStringAsync();
        Assert.Contains("osTicket: 3 ticket(s), 0 met fouten.", WebUtility.HtmlDecode(preview));
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.ExternalId!.StartsWith(prefix))));
        var done = await factory.RunImportAsync(admin, await ImportAsync(admin, preview));
        Assert.Contains("Import klaar: 3 nieuwe klacht(en), 0 bijgewerkt, 0 ongewijzigd; 1 nieuwe klant(en), 1 bekende klant(en).", done);

        var customerId = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == known).Select(c => c.Id).SingleAsync());
        var welcome = WebUtility.HtmlDecode(await desk.GetHtmlAsync($"/Desk?customer={customerId}"));
        Assert.Contains("Welkom terug, Fatima!", welcome);
        Assert.Contains("3 eerdere klacht(en)", welcome);
        Assert.Contains("Broodrooster brandt", welcome);
        var imported = await factory.WithDbAsync(db => db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.ExternalId == prefix + "1"));
        Assert.Equal((ComplaintStatus.Closed, "osTicket", Channel.Email, new DateTime(2025, 3, 14, 10, 30, 0, DateTimeKind.Utc)), (imported.Status, imported.ExternalSource, imported.Channel, imported.ReceivedAt));
        Assert.Contains(imported.Timeline, e => e.Kind == TimelineEventKind.Imported);
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.Complaint!.ExternalId!.StartsWith(prefix))));

        var again = await (await UploadAsync(admin, Export("Waterkoker lekt onderaan"), "tickets.csv")).Content.ReadAsStringAsync();
        var second = await factory.RunImportAsync(admin, await ImportAsync(admin, again));
        Assert.Contains("Import klaar: 0 nieuwe klacht(en), 1 bijgewerkt, 2 ongewijzigd; 0 nieuwe klant(en), 0 bekende klant(en).", second);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ExternalId!.StartsWith(prefix))));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_shows_every_error_by_line_and_stores_nothing()
    {
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var csv = "ticketnummer;naam;email;telefoon;onderwerp;omschrijving;datum\n" +
                  $"{prefix}1;Kim de Wit;kim@example.nl;;Blender;Mes draait niet;2025-01-05\n" +
                  $"{prefix}2;Piet;;;Koffiezetter;Lekt;gisteren\n" +
                  $"{prefix}3;;geen-adres;;;;2025-01-07\n" +
                  $"{prefix}1;Kim de Wit;kim@example.nl;;Blender;Nog eens;2025-01-08\n";
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);

        var preview = WebUtility.HtmlDecode(await (await UploadAsync(admin, csv, "eigen.csv")).Content.ReadAsStringAsync());

        Assert.Contains("CSV: 4 ticket(s), 3 met fouten.", preview);
        Assert.Contains($"Ticket {prefix}1 staat al op regel 2.", preview);
        Assert.Contains("Er is geen e-mailadres of telefoonnummer", preview);
        Assert.Contains("\"gisteren\" is geen datum die we kunnen lezen", preview);
        Assert.Contains("De naam van de klant ontbreekt", preview);
        Assert.Contains("\"geen-adres\" is geen geldig e-mailadres.", preview);
        Assert.Contains("Het onderwerp ontbreekt.", preview);
        Assert.DoesNotContain("ticket(s) importeren", preview);
        var forced = await admin.PostFormAsync("/Admin/HelpdeskImport", new Dictionary<string, string> { ["Text"] = csv }, "/Admin/HelpdeskImport?handler=Import");
        Assert.Contains("Er is niets opgeslagen", WebUtility.HtmlDecode(await forced.Content.ReadAsStringAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.ExternalId!.StartsWith(prefix))));

        var missing = WebUtility.HtmlDecode(await (await UploadAsync(admin, "naam;onderwerp\nKim;Blender\n", "kaal.csv")).Content.ReadAsStringAsync());
        Assert.Contains("De kolom(men) ticketnummer, datum, email ontbreken.", missing);
    }

    [Fact]
    public async Task A_zendesk_export_brings_its_tickets_with_their_requesters()
    {
        var email = $"zendesk.{Guid.NewGuid():N}@example.nl";
        var id = Random.Shared.Next(1_000_000, 9_999_999);
        var json = $$"""
            {"tickets":[
              {"id":{{id}},"subject":"Pakket nooit aangekomen","description":"Bestelling 4411 is niet bezorgd.","created_at":"2025-11-02T09:12:00Z","updated_at":"2025-11-04T10:00:00Z","status":"solved","via":{"channel":"email"},"requester_id":77},
              {"id":{{id + 1}},"subject":"Verkeerde kleur","description":"Rood besteld, blauw gekregen.","created_at":"2025-11-20T15:00:00Z","status":"open","via":{"channel":"web"},"requester_id":77}],
             "users":[{"id":77,"name":"Noor Bakker","email":"{{email}}","phone":null}]}
            """;
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);

        var preview = await (await UploadAsync(admin, json, "tickets.json")).Content.ReadAsStringAsync();
        Assert.Contains("Zendesk: 2 ticket(s), 0 met fouten.", WebUtility.HtmlDecode(preview));
        Assert.Contains("Import klaar: 2 nieuwe klacht(en)", await factory.RunImportAsync(admin, await ImportAsync(admin, preview)));

        var complaints = await factory.WithDbAsync(db => db.Complaints.Where(c => c.Customer!.Email == email).OrderBy(c => c.ReceivedAt).ToListAsync());
        Assert.Equal(["Pakket nooit aangekomen", "Verkeerde kleur"], complaints.Select(c => c.ProductName));
        Assert.All(complaints, c => Assert.Equal("Zendesk", c.ExternalSource));
        Assert.Equal(new DateTime(2025, 11, 4, 10, 0, 0, DateTimeKind.Utc), complaints[0].ClosedAt);
        Assert.Contains("Dit is geen JSON dat we kunnen lezen.", WebUtility.HtmlDecode(await (await UploadAsync(admin, "{\"tickets\": [", "kapot.json")).Content.ReadAsStringAsync()));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string content, string name)
    {
        var page = await admin.GetHtmlAsync("/Admin/HelpdeskImport");
        using var form = new MultipartFormDataContent { { new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv");
        form.Add(file, "upload", name);
        return await admin.PostAsync("/Admin/HelpdeskImport?handler=Preview", form);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient admin, string preview) =>
        admin.PostFormAsync("/Admin/HelpdeskImport", new Dictionary<string, string> { ["Text"] = WebUtility.HtmlDecode(CarriedText().Match(preview).Groups[1].Value) }, "/Admin/HelpdeskImport?handler=Import");
}
