using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KlantCentraal.Web.Api;

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
