using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 3: sign-out ends every session; idle timeout 30 minutes, absolute lifetime 12 hours.</summary>
public sealed class StaffSessionsEnd : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_cookie_saved_before_sign_out_no_longer_opens_the_desk()
    {
        var desk = _root.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var saved = await AuthCookieAsync(desk);
        var html = await desk.GetHtmlAsync("/Desk");

        var signedOut = await desk.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html) }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replay = _root.CreateClient(new() { AllowAutoRedirect = false });
        replay.DefaultRequestHeaders.Add("Cookie", saved);
        var response = await replay.GetAsync("/Desk");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thirty_minutes_without_a_request_sign_the_employee_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = _root.WithClock(clock);
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Desk")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/Desk")).StatusCode);
    }

    [Fact]
    public async Task After_twelve_hours_the_session_ends_even_for_an_employee_who_kept_working()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = _root.WithClock(clock);
        var desk = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await desk.SignInAsync(Accounts.Desk);

        for (var hour = 0; hour < 11; hour++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Desk")).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Desk")).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Desk")).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/Desk")).StatusCode);
    }

    [Fact]
    public async Task Both_limits_are_configurable()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = _root.WithWebHostBuilder(b => b
            .UseSetting("Sessions:IdleTimeout", "00:05:00")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);

        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/Desk")).StatusCode);
    }

    /// <summary>The sign-in cookie as the client sends it (what someone could copy from the browser).</summary>
    private static async Task<string> AuthCookieAsync(HttpClient signedIn)
    {
        var page = await signedIn.GetAsync("/Desk");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var auth = page.RequestMessage!.Headers.GetValues("Cookie").SelectMany(c => c.Split("; ")).Where(c => c.StartsWith("KlantCentraal.Auth", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(auth);
        return string.Join("; ", auth);
    }
}
