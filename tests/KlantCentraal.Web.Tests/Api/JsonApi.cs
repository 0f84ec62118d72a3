using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Api;

public partial class JsonApi(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [GeneratedRegex("data-testid=\"new-key\">(kc_[A-Za-z0-9_]+)<")]
    private static partial Regex NewKey();

    [Fact]
    public async Task An_integration_creates_a_resolved_complaint_once_per_idempotency_key_and_reads_its_status()
    {
        var (client, _) = await KeyAsync("Webwinkel", "CreateComplaints", "ReadComplaints");
        var idempotency = Guid.NewGuid().ToString();

        var email = $"api.{Guid.NewGuid():N}@example.nl";
        var first = await PostAsync(client, Body(email: email, resolution: new { resolutionType = "Refund", amount = "24.95", refundMethod = "BankTransfer" }), idempotency);
        var again = await PostAsync(client, Body(email: email, resolution: new { resolutionType = "Refund", amount = "24.95", refundMethod = "BankTransfer" }), idempotency);
        var otherBody = await PostAsync(client, Body(email: "anders@example.nl", resolution: new { resolutionType = "Refund", amount = "24.95", refundMethod = "BankTransfer" }), idempotency);
        var otherAmount = await PostAsync(client, Body(email: email, resolution: new { resolutionType = "Refund", amount = "99.95", refundMethod = "BankTransfer" }), idempotency);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // Issue 26, finding 14: the same key with another body is refused, never answered with the first complaint.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherAmount.StatusCode);
        Assert.Contains("idempotency-key-reused", await otherBody.Content.ReadAsStringAsync());
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var code = created.GetProperty("trackingCode").GetString()!;
        Assert.Equal(code, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
        Assert.Equal("Resolved", created.GetProperty("status").GetString());
        Assert.Equal(2495, created.GetProperty("resolution").GetProperty("amountCents").GetInt64());
        Assert.Equal("api:Webwinkel", created.GetProperty("resolution").GetProperty("grantedBy").GetString());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))));
        Assert.True(await factory.WithDbAsync(db => db.RootCauseQueue.AnyAsync(q => q.Complaint!.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))));

        var status = await client.GetAsync(first.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(code, (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
    }

    [Fact]
    public async Task Without_a_resolution_the_complaint_waits_in_the_desks_inbox()
    {
        var (client, _) = await KeyAsync($"Geen brief {Guid.NewGuid():N}"[..20], "CreateComplaints");

        var response = await PostAsync(client, Body(email: $"inbox.{Guid.NewGuid():N}@example.nl", channel: "Phone"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Received", body.GetProperty("status").GetString());
        Assert.Equal("Phone", body.GetProperty("channel").GetString());
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains(body.GetProperty("trackingCode").GetString()!, await desk.GetHtmlAsync("/Desk/Inbox"));
    }

    [Fact]
    public async Task Bad_input_gets_the_same_messages_as_the_forms_and_stores_nothing()
    {
        var (client, _) = await KeyAsync("Fout", "CreateComplaints");
        var product = $"Api {Guid.NewGuid():N}";

        var response = await PostAsync(client, Body(name: "", product: product, resolution: new { resolutionType = "Refund", amount = "-5", refundMethod = "Cash" }), Guid.NewGuid().ToString());
        var noKey = await PostAsync(client, Body(), idempotencyKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vul de naam van de klant in.", text);
        Assert.Contains("Een bedrag is nooit negatief", text);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == product)));
    }

    [Fact]
    public async Task A_resolution_that_needs_a_co_signature_is_refused_with_advice()
    {
        var (client, _) = await KeyAsync("Groot", "CreateComplaints");

        var response = await PostAsync(client, Body(resolution: new { resolutionType = "Refund", amount = "999", refundMethod = "Cash" }), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Stuur de klacht zonder oplossing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_are_checked_for_scope_and_revocation()
    {
        var anonymous = factory.CreateClient();
        var (readOnly, _) = await KeyAsync("Alleen lezen", "ReadComplaints");
        var (writer, revoke) = await KeyAsync("Straks ingetrokken", "CreateComplaints");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, Body(), "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(readOnly, Body(), "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await readOnly.GetAsync($"/api/v1/complaints/{TrackingCode.New().Value}")).StatusCode);
        await revoke();
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(writer, Body(), Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.SecretHash.StartsWith("kc_"))));
    }

    [Fact]
    public async Task The_api_is_described_with_openapi_and_a_browsable_reference()
    {
        var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/api/docs/index.html");

        Assert.Contains("/api/v1/complaints", document);
        Assert.Contains("KlantCentraal API", document);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task An_integration_s_complaint_sends_the_customer_no_letter_because_the_integration_tells_them_itself()
    {
        var (client, _) = await KeyAsync($"Geen brief {Guid.NewGuid():N}"[..20], "CreateComplaints");
        var email = $"api.geen.brief.{Guid.NewGuid():N}@example.nl";

        var resolved = await PostAsync(client, Body(email: email, resolution: new { resolutionType = "Apology", resolutionNote = "Excuses aangeboden" }), Guid.NewGuid().ToString());
        var received = await PostAsync(client, Body(email: email), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.Complaint!.Customer!.Email == email)));
        Assert.False(Directory.Exists(factory.MailPickup) && Directory.EnumerateFiles(factory.MailPickup).Any(f => File.ReadAllText(f).Contains(email, StringComparison.Ordinal)));
    }

    private static object Body(string name = "Kim de Wit", string? email = null, string product = "Blender", string channel = "Web", object? resolution = null) => new
    {
        customerName = name,
        email = email ?? $"kim.{Guid.NewGuid():N}@example.nl",
        postcode = "5611 AB",
        channel,
        category = "ProductDefect",
        productName = product,
        receipt = "No",
        description = "Mes draait niet meer.",
        desiredOutcome = "Refund",
        resolution,
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>Creates a key through the admin screen, as an administrator would, and a client that uses it.</summary>
    private async Task<(HttpClient Client, Func<Task> Revoke)> KeyAsync(string name, params string[] scopes)
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var form = new List<KeyValuePair<string, string>> { new("Name", name) };
        form.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Scopes", s)));
        var html = await admin.GetHtmlAsync("/Admin/ApiKeys");
        form.Add(new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(html)));
        await admin.PostAsync("/Admin/ApiKeys?handler=Create", new FormUrlEncodedContent(form));
        var key = NewKey().Match(await admin.GetHtmlAsync("/Admin/ApiKeys")).Groups[1].Value;
        Assert.StartsWith("kc_", key);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var id = await factory.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync());
        return (client, () => admin.PostFormAsync("/Admin/ApiKeys", new Dictionary<string, string>(), $"/Admin/ApiKeys?handler=Revoke&id={id}"));
    }
}
