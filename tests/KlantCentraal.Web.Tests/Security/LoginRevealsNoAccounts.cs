using System.Net;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 7: the login page does not tell which staff accounts exist, by its answer or by its work.</summary>
public sealed class LoginRevealsNoAccounts : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly CountingHasher _hasher = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public LoginRevealsNoAccounts() =>
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(_hasher)));

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Unknown_deactivated_locked_out_and_wrong_password_get_the_same_answer_after_the_same_password_check()
    {
        await DeactivateAsync("balie2@klantcentraal.test");
        var unknown = await AttemptAsync("niemand@klantcentraal.test", "Een-gok-van-iemand-2026");
        var wrong = await AttemptAsync(Accounts.Manager, "Een-gok-van-iemand-2026");
        var deactivated = await AttemptAsync("balie2@klantcentraal.test", Password);
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(Accounts.Desk, "fout-wachtwoord-nummer-" + i);
        }

        var lockedOut = await AttemptAsync(Accounts.Desk, KlantCentraal.Web.Data.StartupSeeder.DemoPassword);

        Assert.All(new[] { unknown, wrong, deactivated, lockedOut }, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(new[] { unknown.Message, wrong.Message, deactivated.Message, lockedOut.Message }.Distinct());
        Assert.All(new[] { unknown, wrong, deactivated, lockedOut }, a => Assert.Equal(1, a.PasswordChecks));
    }

    private const string Password = "Een-lang-balie-wachtwoord-2026";

    private async Task<(HttpStatusCode Status, string Message, int PasswordChecks)> AttemptAsync(string email, string password)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var html = await client.GetHtmlAsync("/Account/Login");
        var before = _hasher.Verifications;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html),
        }));
        var body = await response.Content.ReadAsStringAsync();
        var message = System.Text.RegularExpressions.Regex.Match(body, "Inloggen is niet gelukt[^<]*").Value;
        return (response.StatusCode, message, _hasher.Verifications - before);
    }

    private async Task DeactivateAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, FirstName = "Bram", EmailConfirmed = true, IsActive = false };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
    }

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
