using System.Net;
using System.Net.Http.Json;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 1: an unauthenticated channel never changes an existing customer's details.</summary>
public class CustomerTakeover(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task An_online_complaint_with_the_victims_phone_and_email_leaves_the_victim_untouched_and_reveals_nothing()
    {
        var (victim, victimCode) = await VictimAsync();

        var attacker = factory.CreateBrowserlessClient();
        var form = OnlineForm.Valid($"attacker.{Guid.NewGuid():N}@example.nl");
        form["Input.CustomerName"] = "Mallory";
        form["Input.Phone"] = victim.Phone!;
        form["Input.Postcode"] = "9999 ZZ";
        Assert.Equal("/Complain/Sent", (await attacker.PostFormAsync("/Complain", form)).Location());
        form = OnlineForm.Valid(victim.Email!);
        form["Input.CustomerName"] = "Mallory";
        form["Input.Postcode"] = "9999 ZZ";
        Assert.Equal("/Complain/Sent", (await attacker.PostFormAsync("/Complain", form)).Location());

        var after = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == victim.Id));
        Assert.Equal(("Victor Slachtoffer", victim.Email, victim.Phone, "1234AB"), (after.Name, after.Email, after.Phone, after.Postcode));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.CustomerId == victim.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await Lookup(factory.CreateBrowserlessClient(), victimCode, "1234 AB")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await Lookup(attacker, victimCode, "9999 ZZ")).StatusCode);
    }

    [Fact]
    public async Task An_integration_sending_the_victims_phone_makes_a_customer_of_its_own()
    {
        var (victim, _) = await VictimAsync();
        var (_, plain) = await TestApiKeys.CreateAsync(factory.Services);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", plain);
        api.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await api.PostAsJsonAsync("/api/v1/complaints", new { customerName = "Mallory", email = "mallory@example.nl", phone = victim.Phone, productName = "Fiets", description = "Kapot" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == victim.Id));
        Assert.Equal(("Victor Slachtoffer", victim.Email), (after.Name, after.Email));
    }

    [Fact]
    public async Task At_the_desk_a_phone_match_does_not_replace_a_known_email_address_until_the_employee_confirms_it()
    {
        var (victim, _) = await VictimAsync();
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid($"new.{Guid.NewGuid():N}@example.nl", product: "Broodrooster").With("Input.Phone", victim.Phone!).With("Input.CustomerName", victim.Name);

        var asked = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains($"Deze klant is bekend met het e-mailadres {victim.Email}", html);
        Assert.Contains("data-testid=\"replace-email\"", html);
        Assert.Equal(victim.Email, await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == victim.Id).Select(c => c.Email).SingleAsync()));

        var confirmed = await desk.PostFormAsync("/Desk", form.With("Input.ReplaceEmail", "true"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(form["Input.Email"], await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == victim.Id).Select(c => c.Email).SingleAsync()));
    }

    /// <summary>Issue 41, finding 6: a phone number that belongs to someone else never turns a new customer into that person.</summary>
    [Fact]
    public async Task At_the_desk_a_new_customer_with_someone_elses_phone_number_is_asked_about_and_never_changes_that_customer()
    {
        var (victim, _) = await VictimAsync();
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var petra = $"petra.{Guid.NewGuid():N}@example.nl";
        var form = DeskForm.Valid(petra, product: "Stofzuiger").With("Input.CustomerName", "Petra Jansen").With("Input.Phone", victim.Phone!);

        var asked = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains($"Er is al een klant met dit telefoonnummer: {victim.Name}. Kies hieronder of het dezelfde klant is.", html);
        Assert.Contains("Toch een nieuwe klant: Petra Jansen", html);
        Assert.DoesNotContain("data-testid=\"replace-email\"", html);
        var submission = Guid.Parse(form["Input.SubmissionId"]);
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.SubmissionId == submission)));

        var answered = form.With("Input.PhoneMatchCustomerId", victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var asNew = await desk.PostFormAsync("/Desk", new Dictionary<string, string>(answered).With("Input.PhoneMatch", "NewCustomer"));
        Assert.Equal(HttpStatusCode.Redirect, asNew.StatusCode);
        var newCustomer = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Email == petra));
        Assert.Equal("Petra Jansen", newCustomer.Name);
        Assert.NotEqual(victim.Id, newCustomer.Id);

        var asKnown = await desk.PostFormAsync("/Desk", DeskForm.Valid($"nog.{Guid.NewGuid():N}@example.nl", product: "Föhn").With("Input.CustomerName", "Iemand Anders").With("Input.Phone", victim.Phone!)
            .With("Input.PhoneMatchCustomerId", victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("Input.PhoneMatch", "UseKnown"));
        Assert.Equal(HttpStatusCode.Redirect, asKnown.StatusCode);
        var after = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == victim.Id));
        Assert.Equal((victim.Name, victim.Email, victim.Phone), (after.Name, after.Email, after.Phone));
        Assert.Equal(victim.Id, await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(asKnown.TrackingCode())).Select(c => c.CustomerId).SingleAsync()));
    }

    [Fact]
    public async Task The_desk_links_an_online_complaint_to_the_known_customer_with_one_click_and_the_known_details_stay()
    {
        var (victim, _) = await VictimAsync();
        var customer = factory.CreateBrowserlessClient();
        var form = OnlineForm.Valid(victim.Email!);
        form["Input.CustomerName"] = "Victor S.";
        await customer.PostFormAsync("/Complain", form);
        var online = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Customer).OrderByDescending(c => c.Id).FirstAsync(c => c.Customer!.Email == victim.Email && c.CustomerId != victim.Id));
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var page = await desk.GetHtmlAsync($"/Desk/Resolve/{online.TrackingCode}");
        Assert.Contains("data-testid=\"possible-matches\"", page);
        Assert.Contains(Customer.FormatNumber(victim.Id), page);
        var linked = await desk.PostAsync($"/Desk/Resolve/{online.TrackingCode}?handler=Link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["customerId"] = victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var moved = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.Id == online.Id));
        Assert.Equal(victim.Id, moved.CustomerId);
        Assert.Contains(moved.Timeline, e => e.Kind == TimelineEventKind.LinkedToCustomer && e.ActorName == "Sanne");
        Assert.Equal("Victor Slachtoffer", await factory.WithDbAsync(db => db.Customers.Where(c => c.Id == victim.Id).Select(c => c.Name).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Customers.AnyAsync(c => c.Id == online.CustomerId)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.ComplaintLinkedToCustomer && a.TargetId == online.TrackingCode.Value)));
    }

    private async Task<(Customer Victim, string Code)> VictimAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"victor.{Guid.NewGuid():N}@example.nl";
        var phone = "06" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var form = DeskForm.Valid(email).With("Input.CustomerName", "Victor Slachtoffer").With("Input.Phone", phone).With("Input.Postcode", "1234 AB");
        var code = (await desk.PostFormAsync("/Desk", form)).TrackingCode();
        var victim = await factory.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Email == email));
        return (victim, code);
    }

    private static Task<HttpResponseMessage> Lookup(HttpClient client, string code, string postcode) =>
        client.PostFormAsync("/Track", new Dictionary<string, string>
        {
            ["Input.Code"] = TrackingCode.Parse(code).Display,
            ["Input.PostcodeOrEmail"] = postcode,
        });
}
