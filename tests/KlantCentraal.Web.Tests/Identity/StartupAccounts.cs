using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Identity;

public class StartupAccounts
{
    [Fact]
    public async Task Outside_development_no_demo_account_exists_and_the_first_admin_comes_from_configuration()
    {
        using var factory = new KlantCentraalFactory();
        using var production = factory.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Organisation:PublicBaseUrl", KlantCentraalFactory.PublicBaseUrl)
            .UseSetting("Mail:Delivery", "Pickup")
            .UseSetting("Bootstrap:AdminEmail", "it@example.nl")
            .UseSetting("Bootstrap:AdminPassword", "Een-lang-wachtwoord-2026")
            .UseSetting("Bootstrap:AdminFirstName", "Ilse"));

        await using var scope = production.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        Assert.Null(await users.FindByEmailAsync(Accounts.Desk));
        Assert.Null(await users.FindByEmailAsync(Accounts.Manager));
        Assert.Null(await users.FindByEmailAsync(Accounts.Admin));
        var admin = await users.FindByEmailAsync("it@example.nl");
        Assert.NotNull(admin);
        Assert.Equal("Ilse", admin.FirstName);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "Een-lang-wachtwoord-2026"));
    }

    [Fact]
    public async Task In_development_the_three_demo_accounts_exist_with_their_roles()
    {
        using var development = new KlantCentraalFactory();
        await using var scope = development.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();

        foreach (var (email, role) in new[] { (Accounts.Desk, Roles.ServiceDesk), (Accounts.Manager, Roles.Manager), (Accounts.Admin, Roles.Admin) })
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, role));
            Assert.True(await users.GetLockoutEnabledAsync(user));
        }
    }
}
