using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CsCheck;
using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Forms;

/// <summary>
/// Every form on every page, as each role sees it, read from the page itself (so a new form is covered
/// without a new test): generated values (or another of a list's options) replace a few of its fields, the rest keep what the page filled in, and the answer is never a server error.
/// Afterwards the data still keeps its promises: every investigation marked Fixed has its cause and action,
/// every closed one its reason, every complaint an investigation or a queued one, every desk complaint its
/// resolution.
/// </summary>
public sealed class EveryFormTakesAnyInput : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly KlantCentraalFactory _root = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public EveryFormTakesAnyInput() => _app = _root.WithoutRateLimits();

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String[Gen.Char['\u0001', '\uD7FF'], 0, 40],
        Gen.String[Gen.Char['\u0020', '\u007E'], 0, 120],
        Gen.Int[-1_000_000, 1_000_000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[-20_000, 20_000].Select(days => DateTime.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf(
            string.Empty, "   ", "0", "-1", "2147483648", "99999999999999999999", "24,95", "1e9", "NaN", "0001-01-01", "9999-12-31",
            "2026-02-30", "true", "false", "on", "Fixed", "Verified", "Mens", "Refund", "99", "<script>alert(1)</script>",
            "'; DROP TABLE Complaints; --", new string('x', 10_000), "x(y@z", "naam@voorbeeld.nl", "👩‍🔧 Zoë", "\r\n\t", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA=="));

    [Fact]
    public async Task Every_form_answers_generated_input_without_a_server_error_and_the_data_keeps_its_promises()
    {
        var pages = await PagesAsync();
        var gen = Gen.Select(Gen.Int[0, pages.Count - 1], Gen.Int[0, 1000], Value.Array[16], Gen.Int[0, 15].Array[0, 4]);

        await gen.SampleAsync(
            async input =>
            {
                var (pageIndex, formChoice, values, changed) = input;
                var (client, url) = pages[pageIndex];
                var get = await client.GetAsync(url);
                Assert.True((int)get.StatusCode < 500, $"GET {url}: {(int)get.StatusCode} {_root.Logged.LastException}");
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    return;
                }

                var targets = Targets(Parser.ParseDocument(await get.Content.ReadAsStringAsync()), url);
                if (targets.Count == 0)
                {
                    return;
                }

                var (action, fields) = targets[formChoice % targets.Count];
                var form = new List<KeyValuePair<string, string>>();
                for (var i = 0; i < fields.Count; i++)
                {
                    var (name, original, options) = fields[i];
                    var value = name == "__RequestVerificationToken" || !changed.Contains(i % 16) ? original
                        : options.Count > 0 && values[i % values.Length].Length % 2 == 0 ? options[values[i % values.Length].Length % options.Count]
                        : values[i % values.Length];
                    form.Add(new(name, value));
                }

                var response = await client.PostAsync(action, new FormUrlEncodedContent(form));

                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"POST {action} {string.Join("&", form.Select(f => $"{f.Key}={Shorten(f.Value)}"))}: {(int)response.StatusCode} {_root.Logged.LastException}");
                Assert.DoesNotContain("<script>alert(1)</script>", body);
            },
            iter: 600,
            threads: 1,
            seed: "0N0XIzNsQ0O2");

        await AssertTheDataKeepsItsPromisesAsync();
    }

    /// <summary>Each form's post target and fields; a form whose buttons post to different handlers is one target per button.</summary>
    private static List<(string Action, List<(string Name, string Value, List<string> Options)> Fields)> Targets(IDocument document, string url)
    {
        var targets = new List<(string, List<(string, string, List<string>)>)>();
        foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
            if (action.Contains("/Account/Logout", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fields = new List<(string, string, List<string>)>();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement input when input.Name is { Length: > 0 } name && input.Type is not ("submit" or "button" or "reset" or "image" or "file"):
                        if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                        {
                            break;
                        }

                        fields.Add((name, input.Value, []));
                        break;
                    case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                        fields.Add((name, select.Value ?? string.Empty, select.Options.Select(o => o.Value).ToList()));
                        break;
                    case IHtmlTextAreaElement textArea when textArea.Name is { Length: > 0 } name:
                        fields.Add((name, textArea.Value, []));
                        break;
                }
            }

            var buttons = form.Elements.OfType<IHtmlButtonElement>().Where(b => b.Type == "submit").ToList();
            var formActions = buttons.Select(b => b.GetAttribute("formaction")).Where(f => !string.IsNullOrEmpty(f)).Distinct().ToList();
            if (formActions.Count == 0)
            {
                var named = buttons.FirstOrDefault(b => !string.IsNullOrEmpty(b.Name));
                targets.Add((action, named is null ? fields : [.. fields, (named.Name!, named.Value, [])]));
            }
            else
            {
                targets.AddRange(formActions.Select(f => (WebUtility.HtmlDecode(f!), fields)));
            }
        }

        return targets;
    }

    /// <summary>The pages with forms, each with a client of the role that uses it, over a small data set made through the app.</summary>
    private async Task<List<(HttpClient Client, string Url)>> PagesAsync()
    {
        var desk = await SignedInAsync(Accounts.Desk);
        var manager = await SignedInAsync(Accounts.Manager);
        var admin = await SignedInAsync(Accounts.Admin);
        var finance = await SignedInAsync(Accounts.Finance);
        var customer = _app.CreateClient(new() { AllowAutoRedirect = false });
        var visitor = _app.CreateClient(new() { AllowAutoRedirect = false });

        var codes = new List<string>();
        foreach (var product in new[] { "Waterkoker Deluxe", "Waterkoker Deluxe", "Stofzuiger Turbo", "Broodrooster", "Föhn Zoë" })
        {
            var email = $"fuzz.{Guid.NewGuid():N}@example.nl";
            var token = HttpClientExtensions.AntiforgeryToken(await desk.GetHtmlAsync("/Desk"));
            // Refunds by bank transfer: the finance page's forms have rows to work on.
            var recorded = await desk.PostAsync("/Desk", new FormUrlEncodedContent(new Dictionary<string, string>(DeskForm.Valid(email, product: product)) { ["__RequestVerificationToken"] = token, ["Input.RefundMethod"] = codes.Count % 2 == 0 ? "BankTransfer" : "Cash" }));
            codes.Add(recorded.TrackingCode());
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var (investigations, customers) = await _root.WithDbAsync(async db => (
            await db.Investigations.Select(i => i.Id).OrderBy(i => i).ToListAsync(),
            await db.Customers.Select(c => c.Id).OrderBy(c => c).ToListAsync()));
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = codes[0], ["Input.PostcodeOrEmail"] = "1012 AB" });
        var invited = await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = "Ilse", ["Input.Email"] = "ilse@klantcentraal.test", ["Input.Roles"] = "ServiceDesk" });
        Assert.True(invited.IsSuccessStatusCode || invited.StatusCode == HttpStatusCode.Redirect);
        var staffMember = await _root.WithDbAsync(db => db.Users.Where(u => u.Email == "ilse@klantcentraal.test").Select(u => u.Id).SingleAsync());

        return
        [
            (visitor, "/Complain"),
            (visitor, "/Track"),
            (visitor, "/Account/Login"),
            (customer, lookup.Location()),
            (desk, "/Desk"),
            (desk, $"/Desk/Complaint/{codes[0]}"),
            (desk, $"/Desk/Resolve/{codes[1]}"),
            (manager, $"/Manager/Investigation/{investigations[0]}"),
            (manager, $"/Manager/Investigation/{investigations[1]}"),
            (manager, $"/Manager/Investigation/{investigations[2]}"),
            (manager, $"/Manager/Investigation/{investigations[3]}"),
            (manager, $"/Manager/Customer/{customers[0]}"),
            (admin, "/Admin/Settings"),
            (admin, "/Admin/Staff"),
            (admin, $"/Admin/StaffMember/{staffMember}"),
            (admin, "/Admin/ApiKeys"),
            (admin, "/Admin/Privacy"),
            (finance, "/Finance/Payouts"),
        ];
    }

    private async Task<HttpClient> SignedInAsync(string account)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        await client.SignInAsync(account);
        return client;
    }

    private async Task AssertTheDataKeepsItsPromisesAsync()
    {
        var paid = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.Resolution != null && c.Resolution.PaidOn != null).Select(c => c.Resolution!).ToListAsync());
        Assert.All(paid, r =>
        {
            Assert.True(r.IsPaidOutLater);
            Assert.InRange(r.PaymentReference?.Trim().Length ?? 0, 1, Domain.Resolution.PaymentReferenceMaxLength);
            Assert.True(r.PaidOn >= DateOnly.FromDateTime(r.GrantedAt.AddDays(-1)));
        });

        var investigations = await _root.WithDbAsync(db => db.Investigations.AsNoTracking().ToListAsync());
        foreach (var investigation in investigations.Where(i => i.Status is InvestigationStatus.Fixed or InvestigationStatus.Verified))
        {
            Assert.NotNull(investigation.CauseCategory);
            Assert.False(string.IsNullOrWhiteSpace(investigation.CauseStatement));
            Assert.False(string.IsNullOrWhiteSpace(investigation.CorrectiveAction));
        }

        Assert.All(investigations.Where(i => i.Status == InvestigationStatus.ClosedWithoutCause), i => Assert.False(string.IsNullOrWhiteSpace(i.ClosedReason)));
        var complaints = await _root.WithDbAsync(db => db.Complaints.AsNoTracking().ToListAsync());
        var queued = await _root.WithDbAsync(db => db.RootCauseQueue.AsNoTracking().Select(q => q.ComplaintId).ToListAsync());
        Assert.All(complaints, c => Assert.True(c.InvestigationId is not null || queued.Contains(c.Id), $"complaint {c.TrackingCode} has no investigation and is not queued"));
        Assert.All(complaints.Where(c => c.Channel != Channel.Web), c => Assert.NotNull(c.Resolution));
    }

    private static string Shorten(string value) => value.Length > 40 ? $"{value[..40]}…({value.Length})" : value;
}
