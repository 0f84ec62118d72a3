using System.Net.Http.Headers;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Tests.Stores;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>
/// Issue 26, finding 7: a live inbox connection opened before sign-out kept receiving every store's tracking codes.
/// Now a connection hears only its person's stores, the notice names no complaint, and signing out ends it.
/// </summary>
public sealed class LiveInboxAfterSignOut(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private static readonly TimeSpan Patience = TestServers.Patience.BeforeCallingItAHang;

    [Fact]
    public async Task A_desk_hears_only_its_own_stores_changes_and_the_notice_names_no_complaint()
    {
        var (_, sanne) = await SignedInAsync(Accounts.Desk);
        var heard = new List<object?[]>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = await ConnectAsync(sanne);
        hub.On("inboxChanged", Type.EmptyTypes, args =>
        {
            lock (heard)
            {
                heard.Add(args);
            }

            first.TrySetResult();
            return Task.CompletedTask;
        });
        await hub.StartAsync();

        await MessageAsync(await ComplaintAtAsync("AMS-01"));
        await MessageAsync(await ComplaintAtAsync("UTR-01"));
        await first.Task.WaitAsync(Patience);

        // SignalR keeps the order per connection: had the Amsterdam notice reached Sanne, it would have come first.
        lock (heard)
        {
            var only = Assert.Single(heard);
            Assert.Empty(only);
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_live_connection_opened_before()
    {
        var (sanne, cookie) = await SignedInAsync(Accounts.Desk);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = await ConnectAsync(cookie);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.Equal(HubConnectionState.Connected, hub.State);

        var html = await sanne.GetHtmlAsync("/Desk");
        await sanne.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html) }));

        await closed.Task.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_live_connection()
    {
        var email = await TestStaff.CreateAsync(factory.Services, Roles.ServiceDesk, "UTR-01");
        var (_, cookie) = await SignedInAsync(email);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = await ConnectAsync(cookie);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var id = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == email).Select(u => u.Id)));
        await admin.PostFormAsync($"/Admin/StaffMember/{id}", new Dictionary<string, string>(), $"/Admin/StaffMember/{id}?handler=Deactivate");

        await closed.Task.WaitAsync(Patience);
    }

    private async Task<(HttpClient Client, string Cookie)> SignedInAsync(string email)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email);
        var page = await client.GetAsync("/Desk/Complaints");
        var cookie = string.Join("; ", page.RequestMessage!.Headers.GetValues("Cookie").SelectMany(c => c.Split("; ")).Where(c => c.StartsWith("KlantCentraal.Auth", StringComparison.Ordinal)));
        Assert.NotEmpty(cookie);
        return (client, cookie);
    }

    private Task<HubConnection> ConnectAsync(string cookie) => Task.FromResult(new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/inbox"), options =>
        {
            options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.Headers["Cookie"] = cookie;
        })
        .Build());

    private async Task<string> ComplaintAtAsync(string storeCode)
    {
        var email = await TestStaff.CreateAsync(factory.Services, Roles.ServiceDesk, storeCode);
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(email);
        return (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
    }

    private async Task MessageAsync(string code)
    {
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(factory.Services)).Plain);
        using var form = new MultipartFormDataContent { { new StringContent("Nog een vraag"), "text" } };
        var response = await api.PostAsync($"/api/v1/complaints/{code}/messages", form);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }
}
