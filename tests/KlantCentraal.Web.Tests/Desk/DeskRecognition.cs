using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskRecognition(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Search_as_you_type_finds_a_customer_by_name_email_phone_postcode_and_customer_number()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var email = $"wim.{unique}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email).With("Input.CustomerName", $"Wim {unique}").With("Input.Phone", "06-55512345").With("Input.Postcode", "7511 QZ"));
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

        foreach (var query in new[] { unique, email.ToUpperInvariant(), "0655512345", "7511qz", Customer.FormatNumber(id) })
        {
            var html = await desk.GetHtmlAsync($"/Desk?handler=Customers&q={Uri.EscapeDataString(query)}");
            Assert.Contains($"href=\"/Desk?customer={id}\"", html);
        }

        var none = await desk.GetHtmlAsync("/Desk?handler=Customers&q=zzqqxxnobody");
        Assert.Contains("Geen klant gevonden voor zzqqxxnobody.", none);
    }

    [Fact]
    public async Task The_search_works_without_javascript_on_the_desk_page_itself()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var unique = Guid.NewGuid().ToString("N")[..8];
        await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.CustomerName", $"Noor {unique}"));

        var html = await desk.GetHtmlAsync($"/Desk?find={unique}");

        Assert.Contains($"Noor {unique}", html);
        Assert.Contains("data-testid=\"customer-match\"", html);
    }

    [Fact]
    public async Task A_returning_customer_is_greeted_with_their_history_and_total_goodwill()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"fatima.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Waterkoker").With("Input.Amount", "24,95"));
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.ResolutionType", "Voucher").With("Input.Amount", "10"));
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

        var html = await desk.GetHtmlAsync($"/Desk?customer={id}");

        Assert.Contains("Welkom terug, Fatima!", html);
        Assert.Contains("2 eerdere klacht(en)", html);
        Assert.Contains("data-testid=\"goodwill\">€ 34,95<", html);
        Assert.Contains("Waterkoker", html);
        Assert.Contains("Broodrooster", html);
        Assert.Contains($"name=\"Input.CustomerId\" value=\"{id}\"", html);
        Assert.Contains($"value=\"{email}\"", html);
    }

    [Fact]
    public async Task A_complaint_for_a_picked_customer_is_stored_on_that_customer_even_without_contact_details_typed()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"picked.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        var id = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.CustomerId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("Input.Phone", "0201112233"));

        var code = response.TrackingCode();
        var complaint = await factory.WithDbAsync(db => db.Complaints.Include(c => c.Customer).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(id, complaint.CustomerId);
        Assert.Equal("0201112233", complaint.Customer!.Phone);
    }

    [Fact]
    public async Task A_purchase_within_a_year_shows_the_legal_hint_as_information()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var lastMonth = DateTime.Today.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.PurchaseDate", lastMonth).With("Input.CustomerName", ""));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<p class=\"legal-hint\" id=\"legal-hint\" data-testid=\"legal-hint\">", html);
    }

    [Fact]
    public async Task The_confirmation_is_emailed_to_the_customer_as_a_file_in_the_pickup_folder()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"mail.{Guid.NewGuid():N}@example.nl";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        var code = TrackingCode.Parse(response.TrackingCode()).Display;
        Assert.Contains("mailed=True", response.Location());
        var mail = Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(email, StringComparison.Ordinal));
        Assert.Contains($"Subject: Uw klacht {code} is opgelost", mail);
        Assert.Contains(code, mail);
        Assert.Contains("U werd geholpen door Sanne bij KlantCentraal Utrecht.", mail);
        Assert.Contains("Of kom langs bij KlantCentraal Utrecht", mail);
        var confirmation = await desk.GetHtmlAsync(response.Location());
        // Development without a mail server: the letter is in the pickup folder, and the desk is not told "gemaild".
        Assert.Contains($"De bevestiging voor {email} staat in de map voor uitgaande post; er is geen mailserver ingesteld.", confirmation);
        Assert.DoesNotContain("gemaild", confirmation);
    }

    [Fact]
    public async Task No_email_is_sent_when_the_customer_gave_no_address()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Email", "").With("Input.Phone", "0612121212"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("mailed", response.Location());
    }
}
