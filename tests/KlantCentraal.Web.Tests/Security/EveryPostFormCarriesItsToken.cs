using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using KlantCentraal.Web.Investigations;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>
/// Issue 26, finding 1: the header's sign-out form had a literal action, so no antiforgery field was rendered and
/// every sign-out in a browser answered 400. Every page is rendered as every role here (so a new page or form is
/// covered without a new test), and every POST form on it must carry the antiforgery field — except the customer's
/// lookup, which ADR 0024 exempts.
/// </summary>
public sealed class EveryPostFormCarriesItsToken(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Forms that post without a token on purpose, each with the ADR that says why.</summary>
    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Track", // ADR 0024: the lookup acts on no session and sets no cookie
    };

    [Fact]
    public async Task Every_post_form_on_every_page_as_every_role_has_an_antiforgery_field()
    {
        var urls = await UrlsOfEveryPageAsync();
        var roles = new List<(string Role, HttpClient Client)> { ("anonymous", factory.CreateBrowserlessClient()) };
        foreach (var account in new[] { Accounts.Desk, Accounts.StoresDesk, Accounts.Manager, Accounts.Admin })
        {
            var client = factory.CreateBrowserlessClient();
            await client.SignInAsync(account);
            roles.Add((account, client));
        }

        var checkedForms = 0;
        var missing = new List<string>();
        foreach (var (role, client) in roles)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (Exempt.Contains(action.Split('?')[0]))
                    {
                        continue;
                    }

                    checkedForms++;
                    if (form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]") is null)
                    {
                        missing.Add($"{role} on {url}: <form action=\"{action}\"> {form.TextContent.Trim()[..Math.Min(40, form.TextContent.Trim().Length)]}");
                    }
                }
            }
        }

        Assert.True(checkedForms > 40, $"only {checkedForms} forms checked: the pages did not render");
        Assert.True(missing.Count == 0, "POST forms without an antiforgery field:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public async Task The_sign_out_button_in_the_header_signs_the_employee_out()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var document = await Parser.ParseDocumentAsync(await desk.GetHtmlAsync("/Desk/Complaints"));
        var form = document.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.TextContent.Contains("Uitloggen", StringComparison.Ordinal));

        var fields = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is { Length: > 0 }).ToDictionary(i => i.Name!, i => i.Value);
        var signedOut = await desk.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", (await desk.GetAsync("/Desk/Complaints")).Location(), StringComparison.Ordinal);
    }

    /// <summary>Every page's address, with real ids and codes from a small data set made through the app.</summary>
    private async Task<List<string>> UrlsOfEveryPageAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"forms.{Guid.NewGuid():N}@example.nl";
        var recorded = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        var code = recorded.TrackingCode();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        Guid import;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            import = await scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Imports.ImportJobs>().StartAsync(KlantCentraal.Web.Imports.ImportKind.Stores, "code;naam;plaats\nF-1;Winkel;Plaats\n", 1, Accounts.Admin, CancellationToken.None);
        }

        var (investigation, customer, store, staff) = await factory.WithDbAsync(async db => (
            await db.Investigations.Select(i => i.Id).FirstAsync(),
            await db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync(),
            await db.Stores.Select(s => s.Id).FirstAsync(),
            await db.Users.Where(u => u.Email == Accounts.Desk).Select(u => u.Id).SingleAsync()));
        var status = await factory.CreateBrowserlessClient().PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = email });

        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct();
        var urls = routes.Select(route => "/" + route
                .Replace("{code}", code, StringComparison.Ordinal)
                .Replace("Investigation/{id:int}", $"Investigation/{investigation}", StringComparison.Ordinal)
                .Replace("Customer/{id:int}", $"Customer/{customer}", StringComparison.Ordinal)
                .Replace("{id:int?}", store.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id}", staff, StringComparison.Ordinal)
                .Replace("{id:guid}", import.ToString(), StringComparison.Ordinal))
            .Append(status.Location())
            .ToList();
        Assert.DoesNotContain(urls, u => u.Contains('{', StringComparison.Ordinal));
        return urls;
    }
}
