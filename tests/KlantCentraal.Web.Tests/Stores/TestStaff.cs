using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Stores;

/// <summary>Staff accounts and store memberships made as an administrator would, straight through the services.</summary>
internal static class TestStaff
{
    /// <summary>Creates an account with the demo password in <paramref name="role"/>, working for the stores with these codes (none: all stores).</summary>
    public static async Task<string> CreateAsync(IServiceProvider services, string role, params string[] storeCodes)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@klantcentraal.test";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FirstName = "Noor" };
        Assert.True((await users.CreateAsync(user, StartupSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        await SetStoresAsync(services, email, storeCodes);
        return email;
    }

    public static async Task SetStoresAsync(IServiceProvider services, string email, params string[] storeCodes)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var stores = await db.Stores.Where(s => storeCodes.Contains(s.Code)).Select(s => s.Id).ToListAsync();
        await scope.ServiceProvider.GetRequiredService<StoreDirectory>().SetStaffStoresAsync(id, storeCodes.Length == 0, stores, CancellationToken.None);
    }

    public static Task<int> StoreIdAsync(KlantCentraalFactory factory, string code) =>
        factory.WithDbAsync(db => db.Stores.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());
}
