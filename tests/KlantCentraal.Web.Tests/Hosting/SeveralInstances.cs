using System.Net;
using System.Net.Http.Headers;
using KlantCentraal.Domain;
using KlantCentraal.Web.Api;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>
/// Two instances of the app on one database and one real Redis (ConnectionStrings:Redis): every limit counts once
/// for both, so a client cannot double its allowance by landing on the other instance behind the proxy.
/// </summary>
public sealed class SeveralInstances : IClassFixture<RedisServer>, IDisposable
{
    private readonly KlantCentraalFactory _factory = new();
    private readonly WebApplicationFactory<Program> _first;
    private readonly WebApplicationFactory<Program> _second;

    public SeveralInstances(RedisServer redis)
    {
        // Each test has keys of its own: a fresh database number on the one server.
        var database = Interlocked.Increment(ref _nextDatabase);
        _first = Instance(redis, database);
        _second = Instance(redis, database);
    }

    private static int _nextDatabase;

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Twenty_lookups_a_minute_per_client_hold_across_both_instances()
    {
        var clients = new[] { _first.CreateClient(new() { AllowAutoRedirect = false }), _second.CreateClient(new() { AllowAutoRedirect = false }) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await LookUpAsync(clients[i % 2])).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookUpAsync(clients[0])).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookUpAsync(clients[1])).StatusCode);
    }

    [Fact]
    public async Task Guessing_the_postcode_of_one_code_is_counted_once_for_both_instances()
    {
        var code = TrackingCode.New().Display;
        var clients = new[] { _first.CreateClient(new() { AllowAutoRedirect = false }), _second.CreateClient(new() { AllowAutoRedirect = false }) };
        for (var i = 0; i < 10; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await LookUpAsync(clients[i % 2], code)).StatusCode);
        }

        var refused = await LookUpAsync(clients[1], code);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Deze volgcode is het afgelopen uur te vaak geprobeerd.", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Wrong_api_keys_on_either_instance_add_up_to_one_blockade()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ApiKeyFailures.Limit + 1; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/K7M4PX9QR");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"kc_guess{i:D4}_{new string('x', 32)}");
            statuses.Add((await (i % 2 == 0 ? _first : _second).CreateClient().SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(ApiKeyFailures.Limit), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task The_readiness_check_is_healthy_with_redis_and_degraded_but_serving_when_the_configured_redis_does_not_answer()
    {
        Assert.Equal("Healthy", await _second.CreateClient().GetStringAsync("/health/ready"));

        using var cutOff = _factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Redis", $"127.0.0.1:{LoopbackPort.Free()}"));
        var ready = await cutOff.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await cutOff.CreateClient().GetStringAsync("/health/live"));
    }

    [Fact]
    public async Task When_redis_dies_customers_the_desk_the_api_and_the_live_inbox_keep_working_and_operators_are_told()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            using var app = _factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Redis", redis.ConnectionString));
            var customer = app.CreateClient(new() { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(customer)).StatusCode);
            var desk = app.CreateClient(new() { AllowAutoRedirect = false });
            await desk.SignInAsync(Accounts.Desk);
            var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var inbox = await InboxHubAsync(app, desk);
            inbox.On("inboxChanged", () => heard.TrySetResult());
            await inbox.StartAsync();
            // The server answers invocations only once it has joined the connection to its groups: then Redis dies.
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => inbox.InvokeAsync("NoSuchMethod"));

            await redis.DisposeAsync(); // Redis is killed while the app runs

            Assert.Equal(HttpStatusCode.OK, (await LookUpAsync(customer)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/")).StatusCode);
            using (var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/K7M4PX9QR"))
            {
                wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"kc_dead0000_{new string('x', 32)}");
                Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().SendAsync(wrongKey)).StatusCode);
            }

            var recorded = await desk.PostFormAsync("/Desk", DeskForm.Valid());
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

            // The customer answers: the desk connected to this instance hears it live, without the backplane.
            var api = app.CreateClient();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
            using (var message = new MultipartFormDataContent { { new StringContent("Nog een vraag"), "text" } })
            {
                Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/complaints/{recorded.TrackingCode()}/messages", message)).StatusCode);
            }

            await heard.Task.WaitAsync(TestServers.Patience.BeforeCallingItAHang);

            Assert.Equal("Degraded", await app.CreateClient().GetStringAsync("/health/ready"));
            var admin = app.CreateClient(new() { AllowAutoRedirect = false });
            await admin.SignInAsync(Accounts.Admin);
            var details = await admin.GetStringAsync("/health/details");
            Assert.Contains("\"name\":\"redis\",\"status\":\"Degraded\"", details);
            Assert.Contains("\"name\":\"database\",\"status\":\"Healthy\"", details);
            Assert.Contains(_factory.Logged.Messages, w => w.Contains("Redis does not answer", StringComparison.Ordinal));
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Only_administrators_see_the_health_details()
    {
        var desk = _first.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        Assert.NotEqual(HttpStatusCode.OK, (await _first.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/health/details")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await desk.GetAsync("/health/details")).StatusCode);
    }

    /// <summary>The desk's live inbox connection over the test server, with the desk's sign-in cookie.</summary>
    private static async Task<HubConnection> InboxHubAsync(WebApplicationFactory<Program> app, HttpClient signedIn)
    {
        var page = await signedIn.GetAsync("/Desk/Complaints");
        var cookie = string.Join("; ", page.RequestMessage!.Headers.GetValues("Cookie").SelectMany(c => c.Split("; ")).Where(c => c.StartsWith("KlantCentraal.Auth", StringComparison.Ordinal)));
        return new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/inbox"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers["Cookie"] = cookie;
            })
            .Build();
    }

    private WebApplicationFactory<Program> Instance(RedisServer redis, int database) => _factory.WithWebHostBuilder(b => b
        .UseSetting("ConnectionStrings:Redis", $"{redis.ConnectionString},defaultDatabase={database}"));

    private static Task<HttpResponseMessage> LookUpAsync(HttpClient client, string? code = null) =>
        client.PostFormAsync("/Track", new Dictionary<string, string>
        {
            ["Input.Code"] = code ?? TrackingCode.New().Display,
            ["Input.PostcodeOrEmail"] = "1000AB",
        });
}
