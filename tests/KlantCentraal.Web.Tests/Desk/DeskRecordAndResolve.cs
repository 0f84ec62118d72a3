using System.Net;
using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskRecordAndResolve(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Stores_customer_complaint_resolution_queued_investigation_and_timeline_and_the_customer_can_track_it()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"fatima.{Guid.NewGuid():N}@example.nl";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Desk/Confirmation/", response.Location());
        var code = response.TrackingCode();
        var stored = await factory.WithDbAsync(db => db.Complaints
            .Include(c => c.Customer).Include(c => c.Timeline)
            .SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(email, stored.Customer!.Email);
        Assert.Equal(ReceiptStatus.No, stored.Receipt);
        Assert.Equal(ComplaintStatus.Resolved, stored.Status);
        Assert.Equal(ResolutionType.Refund, stored.Resolution!.Type);
        Assert.Equal(2495, stored.Resolution.AmountCents);
        Assert.Equal("Sanne", stored.Resolution.GrantedByName);
        Assert.Equal(3, stored.Timeline.Count);
        var queued = await factory.WithDbAsync(db => db.RootCauseQueue.SingleAsync(q => q.ComplaintId == stored.Id));
        Assert.Equal(QueueItemStatus.Pending, queued.Status);

        var confirmation = await desk.GetHtmlAsync(response.Location());
        Assert.Contains(TrackingCode.Parse(code).Display, confirmation);
        Assert.Contains("€ 24,95", confirmation);

        var customer = factory.CreateBrowserlessClient();
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string>
        {
            ["Input.Code"] = TrackingCode.Parse(code).Display.ToLowerInvariant(),
            ["Input.PostcodeOrEmail"] = "1012ab",
        });
        Assert.Equal(HttpStatusCode.Redirect, lookup.StatusCode);
        Assert.StartsWith("/Track/Status?t=", lookup.Location());
        Assert.DoesNotContain(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), lookup.Location().Split("?t=")[0]);
        var status = await customer.GetHtmlAsync(lookup.Location());
        Assert.Contains("Opgelost", status);
        Assert.Contains("U krijgt € 24,95 terug via: contant.", status);
        Assert.Contains("U werd geholpen door Sanne", status);
    }

    [Fact]
    public async Task A_resubmitted_form_stores_exactly_one_complaint()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid(submissionId: Guid.NewGuid());
        var submission = Guid.Parse(form["Input.SubmissionId"]);

        var first = await desk.PostFormAsync("/Desk", form);
        var second = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(first.TrackingCode(), second.TrackingCode());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.SubmissionId == submission)));
    }

    [Fact]
    public async Task Two_simultaneous_submissions_of_one_form_store_exactly_one_complaint()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid();
        var submission = Guid.Parse(form["Input.SubmissionId"]);
        var html = await desk.GetHtmlAsync("/Desk");
        form["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => desk.PostAsync("/Desk", new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.TrackingCode()).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.SubmissionId == submission)));
    }

    [Fact]
    public async Task A_returning_customer_is_recognised_by_email_address()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"joost.{Guid.NewGuid():N}@example.nl";

        await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email.ToUpperInvariant(), product: "Broodrooster").With("Input.Postcode", "").With("Input.Phone", "06-12345678"));

        var customers = await factory.WithDbAsync(db => db.Customers.Where(c => c.Email == email).ToListAsync());
        var customer = Assert.Single(customers);
        Assert.Equal("1012AB", customer.Postcode);
        Assert.Equal("0612345678", customer.Phone);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.CustomerId == customer.Id)));
    }

    [Theory]
    [InlineData("Input.CustomerName", "", "Vul de naam van de klant in.")]
    [InlineData("Input.ProductName", "", "Vul in over welk product of welke dienst de klacht gaat.")]
    [InlineData("Input.Description", "", "Beschrijf in een paar woorden wat er mis is.")]
    [InlineData("Input.Amount", "-5", "Een bedrag is nooit negatief: vul het in zonder minteken, bijvoorbeeld 24,95.")]
    [InlineData("Input.Amount", "vijf euro", "Vul alleen cijfers in, met een komma voor de centen, bijvoorbeeld 24,95.")]
    [InlineData("Input.Amount", "0", "Het bedrag moet meer dan € 0,00 zijn.")]
    [InlineData("Input.Amount", "250000", "Het bedrag kan hoogstens € 100.000,00 zijn.")]
    [InlineData("Input.Email", "geen-adres", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")]
    [InlineData("Input.Email", "M4(_[*nwNA{1Es69#^u Rov!%Ts7I@l", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")]
    [InlineData("Input.Email", "naam@voorbeeld", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")]
    [InlineData("Input.Email", "Naam <naam@voorbeeld.nl>", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")]
    [InlineData("Input.PurchaseDate", "2999-01-01", "De aankoopdatum kan niet in de toekomst liggen.")]
    [InlineData("Input.Channel", "Telepathy", "Deze waarde kennen we niet: kies een van de mogelijkheden of vul het veld opnieuw in.")]
    [InlineData("Input.PurchaseDate", "gisteren", "Deze waarde kennen we niet: kies een van de mogelijkheden of vul het veld opnieuw in.")]
    public async Task Bad_input_gets_a_clear_message_next_to_the_field_keeps_what_was_typed_and_stores_nothing(string field, string value, string message)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Product {Guid.NewGuid():N}";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product).With(field, value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains($"href=\"#{field.Replace('.', '_')}\"", html);
        var somethingElseTyped = field == "Input.Description" ? "value=\"Fatima el Amrani\"" : "Het deksel sluit niet en de waterkoker lekt.";
        Assert.Contains(somethingElseTyped, html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task The_error_summary_lists_the_problems_in_the_order_of_the_form()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid()
            .With("Input.Amount", "abc").With("Input.Description", "").With("Input.CustomerName", ""));

        var html = await response.Content.ReadAsStringAsync();
        var name = html.IndexOf("href=\"#Input_CustomerName\"", StringComparison.Ordinal);
        var description = html.IndexOf("href=\"#Input_Description\"", StringComparison.Ordinal);
        var amount = html.IndexOf("href=\"#Input_Amount\"", StringComparison.Ordinal);
        Assert.True(name >= 0 && name < description && description < amount, "summary out of form order");
    }

    [Fact]
    public async Task An_oversized_description_is_refused_and_nothing_is_stored()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Product {Guid.NewGuid():N}";

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product).With("Input.Description", new string('x', Complaint.DescriptionMaxLength + 1)));

        Assert.Contains("De omschrijving is te lang: gebruik hoogstens 4000 tekens.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task The_same_messages_appear_in_english_when_the_page_is_in_english()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        await desk.GetAsync("/culture/en-GB?returnUrl=/Desk");

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "-5"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("An amount is never negative: enter it without a minus sign, for example 24.95.", html);
    }

    [Fact]
    public async Task A_replacement_needs_no_amount_but_says_what_the_customer_gets()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid()
            .With("Input.ResolutionType", "Replacement").With("Input.Amount", "").With("Input.ResolutionNote", "Nieuwe waterkoker meegegeven"));

        var code = response.TrackingCode();
        var resolution = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Resolution).SingleAsync());
        Assert.Equal(ResolutionType.Replacement, resolution!.Type);
        Assert.Null(resolution.AmountCents);
        Assert.Equal("Nieuwe waterkoker meegegeven", resolution.Note);
    }
}
