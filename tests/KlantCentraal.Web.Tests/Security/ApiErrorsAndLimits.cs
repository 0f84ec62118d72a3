using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KlantCentraal.Web.Api;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Findings 8 and 14: API errors are problem+json; the rate limit counts keys, not header spellings; wrong keys are limited.</summary>
public sealed class ApiErrorsAndLimits : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string, string?, string?, HttpStatusCode> Errors => new()
    {
        { "POST", "/api/v1/complaints", "{ \"customerName\": ", "application/json", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/complaints", "{ \"customerName\": 12, \"receipt\": [1] }", "application/json", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/complaints", "customerName=Jan", "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "PUT", "/api/v1/complaints", "{}", "application/json", HttpStatusCode.MethodNotAllowed },
        { "DELETE", "/api/v1/complaints/K7M4PX9QR", null, null, HttpStatusCode.MethodNotAllowed },
        { "GET", "/api/v1/nothing-here", null, null, HttpStatusCode.NotFound },
        { "GET", "/api/v1/complaints/K7M4PX9QR", null, null, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Every_api_error_is_problem_json_with_a_stable_type_in_production_too(string method, string path, string? body, string? contentType, HttpStatusCode expected)
    {
        using var production = _root.InProduction();
        var client = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://klachten.example.nl") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(production.Services)).Plain);
        client.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        await AssertProblemAsync(response);
        if (expected == HttpStatusCode.MethodNotAllowed)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task A_request_without_a_valid_key_is_a_401_problem_not_a_page()
    {
        var client = _root.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "kc_nonsense_key");

        var response = await client.GetAsync("/api/v1/complaints/K7M4PX9QR");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(response);
    }

    [Fact]
    public async Task The_openapi_document_declares_its_bearer_security_scheme()
    {
        var json = await _root.CreateClient().GetStringAsync("/openapi/v1.json");

        using var document = JsonDocument.Parse(json);
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.RootElement.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task Spelling_the_authorization_header_differently_does_not_give_a_fresh_bucket()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("RateLimits:ApiRequestsPerKeyPerMinute", "3"));
        var key = (await TestApiKeys.CreateAsync(app.Services)).Plain;
        var statuses = new List<HttpStatusCode>();
        foreach (var spelling in new Func<HttpRequestMessage, HttpRequestMessage>[]
        {
            r => { r.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}"); return r; },
            r => { r.Headers.TryAddWithoutValidation("Authorization", $"bearer {key}"); return r; },
            r => { r.Headers.TryAddWithoutValidation("Authorization", $"BEARER   {key}"); return r; },
            r => { r.Headers.TryAddWithoutValidation("X-Api-Key", key); return r; },
        })
        {
            using var request = spelling(new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/K7M4PX9QR"));
            statuses.Add((await app.CreateClient().SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Every_429_says_when_to_come_back()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("RateLimits:ApiRequestsPerKeyPerMinute", "1"));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
        await client.GetAsync("/api/v1/complaints/K7M4PX9QR");

        var refused = await client.GetAsync("/api/v1/complaints/K7M4PX9QR");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalSeconds, 1, 60);
        await AssertProblemAsync(refused);
    }

    [Fact]
    public async Task Problems_follow_the_integrations_accept_language()
    {
        // An app of its own: another test here blocks its client for a minute after ten wrong keys.
        using var app = _root.WithWebHostBuilder(_ => { });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/K7M4PX9QR");
        english.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        var inEnglish = await (await client.SendAsync(english)).Content.ReadAsStringAsync();
        var inDutch = await (await client.GetAsync("/api/v1/complaints/K7M4PX9QR")).Content.ReadAsStringAsync();

        Assert.Contains("\"title\":\"Not found\"", inEnglish);
        Assert.Contains("\"title\":\"Niet gevonden\"", inDutch);
        // The pages stay Dutch first: a browser's Accept-Language does not switch them.
        using var page = new HttpRequestMessage(HttpMethod.Get, "/Track");
        page.Headers.AcceptLanguage.ParseAdd("en-GB");
        Assert.Contains("lang=\"nl\"", await (await app.CreateClient().SendAsync(page)).Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string?> BrokenMultipart => new()
    {
        { "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhallo\r\n--x--\r\n" }, // no boundary
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhal" }, // cut off
        { "multipart/form-data; boundary=x", string.Concat(Enumerable.Range(0, 1100).Select(i => $"--x\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n{i}\r\n")) + "--x--\r\n" }, // too many parts
        { "application/json", "{\"text\":\"hallo\"}" }, // not multipart at all: 415
    };

    [Theory]
    [MemberData(nameof(BrokenMultipart))]
    public async Task A_broken_or_missing_multipart_body_on_the_messages_endpoint_is_a_problem_not_a_server_error(string contentType, string? body)
    {
        var code = await ApiComplaintAsync();
        foreach (var environment in new[] { "Development", "Production" })
        {
            using var app = environment == "Production" ? _root.InProduction() : _root.WithWebHostBuilder(_ => { });
            var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://klachten.example.nl") });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
            using var content = new StringContent(body ?? string.Empty);
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            var response = await client.PostAsync($"/api/v1/complaints/{code}/messages", content);

            Assert.Equal(contentType.StartsWith("multipart", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            await AssertProblemAsync(response);
        }

        Assert.Equal(0, await _root.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Messages)));
    }

    [Fact]
    public async Task An_unexpected_failure_on_the_api_is_a_problem_without_a_stack_trace_in_development_too()
    {
        using var app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<FluentValidation.IValidator<ComplaintsApi.CreateComplaint>>(_ => throw new InvalidOperationException("kapot in de test"))));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
        client.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.PostAsync("/api/v1/complaints", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await AssertProblemAsync(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("kapot in de test", body);
        Assert.DoesNotContain("   at ", body);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    public void An_ipv6_client_is_limited_by_its_64_an_ipv4_client_by_its_address(string address, string bucket) =>
        Assert.Equal(bucket, KlantCentraal.Web.Security.RateLimits.ClientOf(IPAddress.Parse(address)));

    private async Task<string> ApiComplaintAsync()
    {
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        return (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
    }

    [Fact]
    public async Task Guessing_keys_is_stopped_after_ten_wrong_ones_and_the_answer_is_a_problem()
    {
        var client = _root.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ApiKeyFailures.Limit + 1; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/K7M4PX9QR");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"kc_guess{i:D4}_{new string('x', 32)}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(ApiKeyFailures.Limit), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("https://", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }
}
