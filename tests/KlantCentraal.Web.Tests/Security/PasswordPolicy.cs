using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 10: ASVS 2.1 passwords — 12 to 128 characters, no composition rules, not common or guessable.</summary>
public class PasswordPolicy(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("Welkom01!")]
    [InlineData("password12345")]
    [InlineData("qwertyuiopasdf")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("klantcentraal2026")]
    public async Task Short_common_and_guessable_passwords_are_refused(string password)
    {
        var result = await SetPasswordAsync(password);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("paars olifant fietst naar zolder")]
    [InlineData("zonder hoofdletters of cijfers gaat het ook prima")]
    public async Task A_long_passphrase_without_digits_capitals_or_symbols_is_accepted(string password)
    {
        var result = await SetPasswordAsync(password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task More_than_128_characters_is_refused()
    {
        var result = await SetPasswordAsync(string.Join(" ", Enumerable.Repeat("lange zin met woorden", 7)));

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooLong");
    }

    [Fact]
    public async Task A_guessable_password_is_explained_in_plain_dutch()
    {
        var result = await SetPasswordAsync("password12345");

        var message = Assert.Single(result.Errors).Description;
        Assert.StartsWith("Dit wachtwoord is te makkelijk te raden", message, StringComparison.Ordinal);
    }

    private async Task<IdentityResult> SetPasswordAsync(string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"sterk.{Guid.NewGuid():N}@klantcentraal.test";
        var user = new StaffUser { UserName = email, Email = email, FirstName = "Joris", EmailConfirmed = true };
        return await users.CreateAsync(user, password);
    }
}
