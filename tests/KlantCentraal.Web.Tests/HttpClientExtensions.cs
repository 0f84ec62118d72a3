using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Web.Api;
using KlantCentraal.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests;

internal static partial class HttpClientExtensions
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"Input.SubmissionId\" value=\"([^\"]+)\"")]
    private static partial Regex SubmissionIdField();

    public static async Task<string> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        // A failure says what the server said (in Development its exception page): a rare 500 under load is then diagnosable.
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]+>", " ");
            Assert.Fail($"GET {url}: {(int)response.StatusCode}\n{text[..Math.Min(text.Length, 3000)]}");
        }

        return body;
    }

    public static string AntiforgeryToken(string html) => AntiforgeryTokenIn(html) ?? throw new InvalidOperationException("The page has no antiforgery token.");

    private static string? AntiforgeryTokenIn(string html) => AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string SubmissionId(string html) => SubmissionIdField().Match(html).Groups[1].Value;

    /// <summary>
    /// Fetches the form page for its antiforgery token, then posts the fields to it (or to <paramref name="action"/>),
    /// as a browser would: with the token when the page has one (the public lookup form has none, ADR 0024).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetHtmlAsync(page);
        var form = new Dictionary<string, string>(fields);
        if (AntiforgeryTokenIn(html) is { } token)
        {
            form["__RequestVerificationToken"] = token;
        }

        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public static async Task SignInAsync(this HttpClient client, string email, string password = StartupSeeder.DemoPassword)
    {
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The tracking code from a redirect to /Desk/Confirmation/{code}.</summary>
    public static string TrackingCode(this HttpResponseMessage response)
    {
        var location = response.Location();
        Assert.StartsWith("/Desk/Confirmation/", location);
        return location["/Desk/Confirmation/".Length..].Split('?')[0];
    }

    public static string Location(this HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}");
}

internal static class Accounts
{
    public const string Desk = "balie@klantcentraal.test";
    public const string Manager = "manager@klantcentraal.test";
    public const string Admin = "beheer@klantcentraal.test";

    /// <summary>Milan: desk, works for Amsterdam (AMS-01) and Rotterdam (RTM-01). Sanne works for Utrecht (UTR-01) only.</summary>
    public const string StoresDesk = "winkels@klantcentraal.test";

    /// <summary>Fatma and Joost: finance (issue 43), the payouts.</summary>
    public const string Finance = "financien@klantcentraal.test";

    public const string SecondFinance = "boekhouding@klantcentraal.test";
}

internal static class TestApiKeys
{
    /// <summary>An API key stored straight in the database, as an administrator would make one; returns its id and the key.</summary>
    public static async Task<(int Id, string Plain)> CreateAsync(IServiceProvider services, ApiScopes scopes = ApiScopes.CreateComplaints | ApiScopes.ReadComplaints | ApiScopes.AddMessages)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (key, plain) = ApiKey.Create($"test {Guid.NewGuid():N}", scopes, "test", DateTime.UtcNow);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return (key.Id, plain);
    }
}
