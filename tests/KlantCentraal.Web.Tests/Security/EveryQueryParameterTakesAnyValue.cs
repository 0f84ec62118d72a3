using System.Reflection;
using CsCheck;
using KlantCentraal.Web.Investigations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>
/// Finding 12: every query parameter of every page (read from the pages themselves: bound properties and handler
/// parameters, so a new one is covered without a new test) takes any value without a server error.
/// </summary>
public sealed class EveryQueryParameterTakesAnyValue : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public EveryQueryParameterTakesAnyValue() => _app = _root.WithoutRateLimits();

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Theory]
    [InlineData("/culture/en?returnUrl=/%5Cevil.example")]
    [InlineData("/culture/en?returnUrl=/%09/evil.example")]
    [InlineData("/culture/en?returnUrl=/%5C/evil.example")]
    [InlineData("/culture/en?returnUrl=//evil.example")]
    [InlineData("/Desk/Complaints?to=9999-12-31")]
    [InlineData("/Desk/Complaints?from=0001-01-01&to=9999-12-31")]
    [InlineData("/Manager/Dashboard?from=9999-12-31")]
    [InlineData("/Manager/Dashboard?to=0001-01-01")]
    [InlineData("/Manager/Dashboard?handler=Csv&table=weeks&to=0001-01-01")]
    [InlineData("/Admin/Audit?from=9999-12-31&to=0001-01-01")]
    public async Task The_crafted_addresses_that_gave_a_server_error_now_stay_on_the_site_without_one(string url)
    {
        var client = await ClientForAsync(url);

        var response = await client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode} {_root.Logged.LastException}");
        if (response.Headers.Location is { } location)
        {
            Assert.False(location.IsAbsoluteUri && location.Host != "localhost", $"{url} redirects off the site to {location}");
            Assert.DoesNotContain("evil", location.OriginalString, StringComparison.Ordinal);
        }
    }

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String[Gen.Char['\u0001', '\uD7FF'], 0, 30],
        Gen.String[Gen.Char['\u0020', '\u007E'], 0, 80],
        Gen.Int[-1_000_000, 1_000_000].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 31]).Select((y, m, d) => $"{y:D4}-{m:D2}-{d:D2}"),
        Gen.OneOf(
            string.Empty, " ", "0", "-1", "2147483648", "99999999999999999999", "0001-01-01", "9999-12-31", "2026-02-30", "1e9", "NaN",
            "/\\evil.example", "/\t/", "//evil.example", "/%2F%2Fevil", "javascript:alert(1)", "<script>alert(1)</script>", "count", "cost",
            "Fixed", "Open", "Refund", "Web", "weeks", "causes", "products", "true", "on", new string('x', 5_000), "K7M-4PX-9QR", "👩‍🔧"));

    [Fact]
    public async Task Every_query_parameter_of_every_page_answers_generated_values_without_a_server_error()
    {
        var pages = await PagesAsync();
        Assert.True(pages.Count > 10, $"only {pages.Count} pages with query parameters found");
        var gen = Gen.Select(Gen.Int[0, pages.Count - 1], Value.Array[6], Gen.Int[0, 31]);

        await gen.SampleAsync(
            async input =>
            {
                var (pageIndex, values, pick) = input;
                var (client, path, parameters) = pages[pageIndex];
                var query = parameters.Where((_, i) => parameters.Count == 1 || (pick & (1 << (i % 5))) != 0)
                    .Select((name, i) => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(values[i % values.Length])}");
                var url = $"{path}?{string.Join("&", query)}";

                var response = await client.GetAsync(url);

                Assert.True((int)response.StatusCode < 500, $"GET {url}: {(int)response.StatusCode} {_root.Logged.LastException}");
            },
            iter: 500,
            threads: 1,
            seed: "0N0XIzNsQ0O2");
    }

    /// <summary>Each page with a client of its role, a real route value, and the query parameters it binds.</summary>
    private async Task<List<(HttpClient Client, string Path, List<string> Parameters)>> PagesAsync()
    {
        var desk = await SignedInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var (investigation, customer, staff) = await _root.WithDbAsync(async db => (
            await db.Investigations.Select(i => i.Id).FirstAsync(),
            await db.Customers.Select(c => c.Id).FirstAsync(),
            await db.Users.Select(u => u.Id).FirstAsync()));
        var routeValues = new Dictionary<string, string>
        {
            ["/Manager/Investigation"] = investigation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Manager/Customer"] = customer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Admin/StaffMember"] = staff,
        };
        var clients = new Dictionary<string, HttpClient>
        {
            ["Desk"] = desk,
            ["Manager"] = await SignedInAsync(Accounts.Manager),
            ["Admin"] = await SignedInAsync(Accounts.Admin),
            ["Finance"] = await SignedInAsync(Accounts.Finance),
            [string.Empty] = _app.CreateClient(new() { AllowAutoRedirect = false }),
        };

        var pages = new List<(HttpClient, string, List<string>)>();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || page.ViewEnginePath.EndsWith("/Index", StringComparison.Ordinal) && endpoint.RoutePattern.RawText!.EndsWith("Index", StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                var value = parameter.Name == "code" ? code : routeValues.GetValueOrDefault(page.ViewEnginePath, "1");
                path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + parameter.Name + "[^}]*\\}", value);
            }

            var area = page.ViewEnginePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
            pages.Add((clients.GetValueOrDefault(area, clients[string.Empty]), path, QueryParametersOf(page.ViewEnginePath)));
        }

        pages.Add((clients[string.Empty], "/culture/en", ["returnUrl"]));
        pages.Add((clients[string.Empty], "/culture/nl", ["returnUrl"]));
        return pages.Where(p => p.Item3.Count > 0).ToList();
    }

    /// <summary>The names a page binds from the query: [BindProperty(SupportsGet = true)] properties, handler parameters, and "handler".</summary>
    private static List<string> QueryParametersOf(string viewEnginePath)
    {
        var type = typeof(Program).Assembly.GetType("KlantCentraal.Web.Pages" + viewEnginePath.Replace('/', '.') + "Model");
        if (type is null)
        {
            return [];
        }

        var properties = type.GetProperties()
            .Select(p => (Property: p, Bind: p.GetCustomAttribute<BindPropertyAttribute>()))
            .Where(p => p.Bind is { SupportsGet: true })
            .Select(p => p.Bind!.Name ?? p.Property.Name);
        var handlers = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal)).ToList();
        var parameters = handlers.SelectMany(m => m.GetParameters()).Where(p => p.ParameterType != typeof(CancellationToken) && p.Name is not ("code" or "id")).Select(p => p.Name!);
        var named = handlers.Any(m => m.Name is not ("OnGet" or "OnGetAsync")) ? new[] { "handler" } : [];
        return properties.Concat(parameters).Concat(named).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<HttpClient> ClientForAsync(string url) =>
        url.StartsWith("/Desk", StringComparison.Ordinal) ? await SignedInAsync(Accounts.Desk)
        : url.StartsWith("/Manager", StringComparison.Ordinal) ? await SignedInAsync(Accounts.Manager)
        : url.StartsWith("/Admin", StringComparison.Ordinal) ? await SignedInAsync(Accounts.Admin)
        : url.StartsWith("/Finance", StringComparison.Ordinal) ? await SignedInAsync(Accounts.Finance)
        : _app.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string account)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        await client.SignInAsync(account);
        return client;
    }
}
