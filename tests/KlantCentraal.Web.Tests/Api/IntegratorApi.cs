using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Api;

/// <summary>
/// Issue 29, part 1: what an integrator needs to live with the API — lists in pages with a cursor, "what changed
/// since", customers by e-mail, ETags, and keys bound to scopes and stores.
/// </summary>
public sealed partial class IntegratorApi : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [GeneratedRegex("data-testid=\"new-key\">(kc_[A-Za-z0-9_]+)<")]
    private static partial Regex NewKey();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Pages_follow_a_cursor_that_holds_while_complaints_are_added_and_filters_narrow_the_list()
    {
        var api = await KeyAsync(_root, "Kassa", "CreateComplaints,ReadComplaints");
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add(await CreateAsync(api, store: i % 2 == 0 ? "UTR-01" : "AMS-01", channel: i == 4 ? "Phone" : "Web"));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?limit=2{(cursor is null ? string.Empty : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("trackingCode").GetString()!));
            cursor = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            if (pages++ == 0)
            {
                mine.Add(await CreateAsync(api, store: "UTR-01")); // added while paging: on a later page, nothing twice
            }
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(mine, code => Assert.Contains(code, seen));

        var utrecht = await api.GetFromJsonAsync<JsonElement>("/api/v1/complaints?store=utr-01&status=Received&channel=Web&limit=200");
        var listed = utrecht.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([mine[0], mine[2], mine[5]], listed.Select(c => c.GetProperty("trackingCode").GetString()!).Where(mine.Contains));
        Assert.All(listed, c => Assert.Equal(("UTR-01", "Received", "Web"), (c.GetProperty("storeCode").GetString(), c.GetProperty("status").GetString(), c.GetProperty("channel").GetString())));
        Assert.DoesNotContain(mine[4], listed.Select(c => c.GetProperty("trackingCode").GetString()));

        foreach (var bad in new[] { "?cursor=bestaat-niet", "?limit=0", "?limit=201", "?store=XXX-99", "?status=Weg" })
        {
            var refused = await api.GetAsync("/api/v1/complaints" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.DoesNotContain("body", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var unreadable = await api.GetAsync("/api/v1/complaints?updatedSince=gisteren");
        Assert.Contains("Een parameter in het adres", await unreadable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_changed_since_lists_the_complaints_with_a_change_after_that_moment_and_nothing_older()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        using var app = _root.WithClock(clock);
        var api = await KeyAsync(app, "Boekhouding", "CreateComplaints,ReadComplaints,AddMessages");
        var untouched = await CreateAsync(api);
        var answered = await CreateAsync(api);
        clock.Advance(TimeSpan.FromHours(2));
        using var form = new MultipartFormDataContent { { new StringContent("Nog een foto volgt."), "text" } };
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/complaints/{answered}/messages", form)).StatusCode);
        var fresh = await CreateAsync(api);

        var changed = await api.GetFromJsonAsync<JsonElement>("/api/v1/complaints?updatedSince=2026-12-07T10:00:00Z");
        var codes = changed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("trackingCode").GetString()).ToList();

        Assert.Contains(answered, codes);
        Assert.Contains(fresh, codes);
        Assert.DoesNotContain(untouched, codes);
        var received = await api.GetFromJsonAsync<JsonElement>("/api/v1/complaints?receivedSince=2026-12-07T10:00:00Z");
        Assert.Equal([fresh], received.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("trackingCode").GetString()));
    }

    [Fact]
    public async Task A_store_bound_key_reaches_only_its_stores_complaints_customers_and_no_investigations()
    {
        var chain = await KeyAsync(_root, "Keten", "CreateComplaints,ReadComplaints,AddMessages");
        var amsterdamEmail = $"amsterdam.{Guid.NewGuid():N}@example.nl";
        var amsterdam = await CreateAsync(chain, store: "AMS-01", email: amsterdamEmail);
        var utrecht = await KeyAsync(_root, "Utrecht", "CreateComplaints,ReadComplaints,AddMessages", stores: "utr-01");
        var own = await CreateAsync(utrecht, store: "UTR-01");

        Assert.Equal(HttpStatusCode.OK, (await utrecht.GetAsync($"/api/v1/complaints/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await utrecht.GetAsync($"/api/v1/complaints/{amsterdam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await utrecht.GetAsync($"/api/v1/complaints/{amsterdam}/messages")).StatusCode);
        using (var form = new MultipartFormDataContent { { new StringContent("Ik ben het niet."), "text" } })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await utrecht.PostAsync($"/api/v1/complaints/{amsterdam}/messages", form)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(utrecht, store: "AMS-01")).StatusCode);
        var storeless = await PostAsync(utrecht, store: null);
        Assert.Equal(HttpStatusCode.BadRequest, storeless.StatusCode);
        Assert.Contains("storeCode", await storeless.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var listed = (await utrecht.GetFromJsonAsync<JsonElement>("/api/v1/complaints?limit=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(own, listed.Select(c => c.GetProperty("trackingCode").GetString()));
        Assert.All(listed, c => Assert.Equal("UTR-01", c.GetProperty("storeCode").GetString()));
        Assert.Empty(await utrecht.GetFromJsonAsync<List<JsonElement>>($"/api/v1/customers?email={amsterdamEmail}") ?? []);
        Assert.Single(await chain.GetFromJsonAsync<List<JsonElement>>($"/api/v1/customers?email={amsterdamEmail.ToUpperInvariant()}") ?? []);
        Assert.Equal(HttpStatusCode.Forbidden, (await utrecht.GetAsync("/api/v1/investigations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await chain.GetAsync("/api/v1/investigations?status=Open&limit=5")).StatusCode);

        var admin = _root.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        Assert.Contains("UTR-01", WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/ApiKeys")));
        var unknown = await admin.PostFormAsync("/Admin/ApiKeys", new Dictionary<string, string> { ["Name"] = "Fout", ["Scopes"] = "ReadComplaints", ["StoreCodes"] = "UTR-01, XYZ-99" }, "/Admin/ApiKeys?handler=Create");
        Assert.Contains("Deze winkelcodes kennen we niet: XYZ-99.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Adding_messages_is_a_scope_of_its_own_and_an_erased_customer_is_never_found()
    {
        var creator = await KeyAsync(_root, "Alleen aanmaken", "CreateComplaints,ReadComplaints");
        var email = $"wissen.{Guid.NewGuid():N}@example.nl";
        var code = await CreateAsync(creator, email: email);
        using (var form = new MultipartFormDataContent { { new StringContent("Hallo"), "text" } })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await creator.PostAsync($"/api/v1/complaints/{code}/messages", form)).StatusCode);
        }

        var found = Assert.Single(await creator.GetFromJsonAsync<List<JsonElement>>($"/api/v1/customers?email={email}") ?? []);
        Assert.Equal([code], found.GetProperty("complaints").EnumerateArray().Select(c => c.GetString()));
        var customerId = await _root.WithDbAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
        var admin = _root.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        await admin.PostFormAsync("/Admin/Privacy", new Dictionary<string, string> { ["Confirm"] = "true" }, $"/Admin/Privacy?handler=Erase&id={customerId}");

        Assert.Empty(await creator.GetFromJsonAsync<List<JsonElement>>($"/api/v1/customers?email={email}") ?? []);
        Assert.Equal(HttpStatusCode.BadRequest, (await creator.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Fact]
    public async Task A_poller_gets_304_while_a_complaint_is_unchanged_and_the_new_state_after_a_change()
    {
        var api = await KeyAsync(_root, "Poller", "CreateComplaints,ReadComplaints");
        var code = await CreateAsync(api);
        var first = await api.GetAsync($"/api/v1/complaints/{code}");
        var etag = first.Headers.ETag!;

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{code}");
        unchanged.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await api.SendAsync(unchanged)).StatusCode);

        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostFormAsync($"/Desk/Resolve/{code.Replace("-", string.Empty, StringComparison.Ordinal)}", new Dictionary<string, string> { ["Input.ResolutionType"] = "Refund", ["Input.Amount"] = "10", ["Input.RefundMethod"] = "Cash" })).StatusCode);
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/complaints/{code}");
        changed.Headers.IfNoneMatch.Add(etag);
        var after = await api.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        Assert.Equal("Resolved", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private static async Task<string> CreateAsync(HttpClient api, string? store = null, string channel = "Web", string? email = null)
    {
        var response = await PostAsync(api, store, channel, email);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient api, string? store, string channel = "Web", string? email = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new
            {
                customerName = "Kim de Wit",
                email = email ?? $"kim.{Guid.NewGuid():N}@example.nl",
                postcode = "5611 AB",
                channel,
                category = "ProductDefect",
                productName = "Blender",
                receipt = "No",
                description = "Mes draait niet meer.",
                desiredOutcome = "Refund",
                storeCode = store,
            }, options: Web),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return api.SendAsync(request);
    }

    /// <summary>A key made on the admin screen, as an administrator would, and a client that uses it.</summary>
    private static async Task<HttpClient> KeyAsync(WebApplicationFactory<Program> app, string name, string scopes, string stores = "")
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await admin.SignInAsync(Accounts.Admin);
        var html = await admin.GetHtmlAsync("/Admin/ApiKeys");
        var form = new List<KeyValuePair<string, string>> { new("Name", name), new("StoreCodes", stores), new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(html)) };
        form.AddRange(scopes.Split(',').Select(s => new KeyValuePair<string, string>("Scopes", s)));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Admin/ApiKeys?handler=Create", new FormUrlEncodedContent(form))).StatusCode);
        var key = NewKey().Match(await admin.GetHtmlAsync("/Admin/ApiKeys")).Groups[1].Value;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
