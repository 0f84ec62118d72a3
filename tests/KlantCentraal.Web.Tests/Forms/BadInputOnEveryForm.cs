using System.Net;
using CsCheck;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Forms;

/// <summary>
/// Hundreds of generated inputs on every public and desk form: random unicode, diacritics and emoji, 10,000
/// characters, control characters, markup and SQL fragments, garbled amounts and dates. Each is either stored
/// exactly and shown escaped, or refused with a message (a form value with a NUL character is refused by the
/// framework as a bad request, shown as the friendly error page); nothing is stored half; never a server error.
/// </summary>
public sealed class BadInputOnEveryForm : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public BadInputOnEveryForm() => _app = _root.WithoutRateLimits();

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 80],
        Gen.String[Gen.Char['\u0020', '\u007E'], 0, 300],
        Gen.OneOf(
            "Zoë Ötzi-Ñúñez", "👩‍🔧 Łukasz 😀", "<script>alert(1)</script>", "'; DROP TABLE Complaints; --", "\u0000\u0001\u0007\u001B",
            new string('x', 10_000), string.Empty, "   ", "${7*7} {{7*7}}", "&lt;b&gt;", "\r\n\t", "Ω≈ç√∫", "null", "0x0A"));

    private static readonly Gen<string> Amount = Gen.OneOf(
        Gen.OneOf("-5", "1e9", "99999999999999", "24,95", "0", "€ 12,50", "abc", string.Empty, "1,234.56", "1.234,56", "NaN", "--1", "0,001", "100000,01", "12,5,0"),
        Gen.Int[-1_000_000, 10_000_000].Select(i => (i / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Date = Gen.OneOf(
        Gen.OneOf(string.Empty, "0001-01-01", "9999-12-31", "2026-02-30", "1900-01-01", "yesterday", "2026-13-01", "12-11-2026"),
        Gen.Int[-20_000, 20_000].Select(days => DateTime.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Choice = Gen.OneOf("Counter", "Phone", "Refund", "Voucher", "Replacement", "Nonsense", string.Empty, "99", "<x>");

    [Fact]
    public async Task The_desk_form_stores_exactly_or_refuses_and_never_fails()
    {
        var desk = _app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var token = HttpClientExtensions.AntiforgeryToken(await desk.GetHtmlAsync("/Desk"));
        var gen = Gen.Select(Text, Text, Text, Amount, Date, Choice, Choice, Text);

        await gen.SampleAsync(
            async input =>
            {
                var (name, product, description, amount, date, channel, resolution, email) = input;
                var submission = Guid.NewGuid();
                var form = new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Input.SubmissionId"] = submission.ToString(),
                    ["Input.CustomerName"] = name,
                    ["Input.Email"] = email.Length % 2 == 0 ? $"p{Math.Abs(email.GetHashCode(StringComparison.Ordinal))}@example.nl" : email,
                    ["Input.Postcode"] = "1012 AB",
                    ["Input.Channel"] = channel,
                    ["Input.Category"] = "ProductDefect",
                    ["Input.ProductName"] = product,
                    ["Input.PurchaseDate"] = date,
                    ["Input.Receipt"] = "Unknown",
                    ["Input.Description"] = description,
                    ["Input.DesiredOutcome"] = "Refund",
                    ["Input.ResolutionType"] = resolution,
                    ["Input.Amount"] = amount,
                    ["Input.RefundMethod"] = "Cash",
                    ["Input.ResolutionNote"] = description,
                };

                var response = await desk.PostAsync("/Desk", new FormUrlEncodedContent(form));

                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {Show(input)}: {await WhyAsync(response)} {_root.Logged.LastException}");
                var stored = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.SubmissionId == submission));
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    Assert.Null(stored);
                    Assert.Contains(response.StatusCode == HttpStatusCode.OK ? "error-summary" : "Dit verzoek kunnen we niet verwerken", await response.Content.ReadAsStringAsync());
                    return;
                }

                Assert.NotNull(stored);
                Assert.Equal(description.Trim(), stored.Description);
                Assert.Equal(product.Trim(), stored.ProductName);
                var page = await desk.GetStringAsync($"/Desk/Complaint/{stored.TrackingCode}");
                Assert.DoesNotContain("<script>alert(1)</script>", page);
            },
            iter: 200,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public async Task The_online_complaint_form_stores_exactly_or_refuses_and_never_fails()
    {
        var customer = _app.CreateClient(new() { AllowAutoRedirect = false });
        var token = HttpClientExtensions.AntiforgeryToken(await customer.GetHtmlAsync("/Complain"));
        var gen = Gen.Select(Text, Text, Text, Date, Choice);

        await gen.SampleAsync(
            async input =>
            {
                var (name, product, description, date, outcome) = input;
                var submission = Guid.NewGuid();
                var response = await customer.PostAsync("/Complain", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Input.SubmissionId"] = submission.ToString(),
                    ["Input.CustomerName"] = name,
                    ["Input.Email"] = "klant@example.nl",
                    ["Input.ProductName"] = product,
                    ["Input.Category"] = "Delivery",
                    ["Input.PurchaseDate"] = date,
                    ["Input.Receipt"] = "Unknown",
                    ["Input.Description"] = description,
                    ["Input.DesiredOutcome"] = outcome,
                }));

                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {Show(input)}: {await WhyAsync(response)} {_root.Logged.LastException}");
                var stored = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.SubmissionId == submission));
                if (response.StatusCode != HttpStatusCode.Redirect)
                {
                    Assert.Null(stored);
                    return;
                }

                Assert.NotNull(stored);
                Assert.Equal(description.Trim(), stored.Description);
            },
            iter: 150,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public async Task The_lookup_answers_every_input_with_a_page_and_never_fails()
    {
        var customer = _app.CreateClient(new() { AllowAutoRedirect = false });

        await Gen.Select(Text, Text).SampleAsync(
            async input =>
            {
                var response = await customer.PostAsync("/Track", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Code"] = input.Item1,
                    ["Input.PostcodeOrEmail"] = input.Item2,
                }));

                // A NUL character makes the framework refuse the whole request (400, with the friendly error page).
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {Show(input)}: {await WhyAsync(response)} {_root.Logged.LastException}");
                Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync());
            },
            iter: 150,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    /// <summary>The exception the developer page names, to make a failure readable.</summary>
    private static async Task<string> WhyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var title = System.Text.RegularExpressions.Regex.Match(body, "<title>([^<]*)</title>").Groups[1].Value;
        var first = System.Text.RegularExpressions.Regex.Match(body, "<h2 class=\"stackerror\">([^<]*)</h2>").Groups[1].Value;
        return System.Net.WebUtility.HtmlDecode($"{title} {first}");
    }

    private static string Show(object input)
    {
        var text = input.ToString() ?? string.Empty;
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
