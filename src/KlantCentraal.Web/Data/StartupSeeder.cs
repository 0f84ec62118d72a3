using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Data;

/// <summary>
/// Runs once at start-up: migrates the database, creates the roles, and creates accounts:
/// the demo accounts in Development only, and the first administrator from configuration
/// (<c>Bootstrap:AdminEmail</c>, <c>Bootstrap:AdminPassword</c>, <c>Bootstrap:AdminFirstName</c>) anywhere.
/// </summary>
public sealed class StartupSeeder(
    AppDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    ComplaintDesk desk,
    Reporting.DailyFigures dailyFigures,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<StartupSeeder> logger)
{
    public const string DemoPassword = "KlantCentraal-demo-2026";

    public static readonly IReadOnlyList<(string Email, string FirstName, string Role)> DemoAccounts =
    [
        ("balie@klantcentraal.test", "Sanne", Roles.ServiceDesk),
        ("manager@klantcentraal.test", "Daan", Roles.Manager),
        ("beheer@klantcentraal.test", "Ilse", Roles.Admin),
        ("winkels@klantcentraal.test", "Milan", Roles.ServiceDesk),
        ("financien@klantcentraal.test", "Fatma", Roles.Finance),
        ("boekhouding@klantcentraal.test", "Joost", Roles.Finance),
    ];

    /// <summary>The demo chain: Sanne works in Utrecht, Milan in Amsterdam and Rotterdam, Daan and Ilse centrally.</summary>
    public static readonly IReadOnlyList<StoreDetails> DemoStores =
    [
        new("UTR-01", "KlantCentraal Utrecht", "Utrecht", "Oudegracht 100, 3511 AX Utrecht", "030-1234567", "utrecht@klantcentraal.test", Week("09:00-18:00", "10:00-17:00", null), MonthlyBudget: new Money(5_000_00)),
        new("AMS-01", "KlantCentraal Amsterdam", "Amsterdam", "Kalverstraat 1, 1012 NX Amsterdam", "020-1234567", "amsterdam@klantcentraal.test", Week("09:00-21:00", "09:00-18:00", "12:00-17:00"), MonthlyBudget: new Money(10_000_00)),
        new("RTM-01", "KlantCentraal Rotterdam", "Rotterdam", "Lijnbaan 10, 3012 EL Rotterdam", "010-1234567", null, Week("09:30-18:00", "09:30-17:00", null), CoSignLimit: new Money(150_00)),
    ];

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupSeeder>().SeedAsync(cancellationToken);
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var backup = configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        var backupFolder = backup.BeforeMigration && db.Database.IsSqlite()
            ? Backups.FolderFor(db.Database.GetConnectionString()!, backup, environment.ContentRootPath)
            : null;
        if (await DatabaseSetup.MigrateAsync(db, backupFolder, cancellationToken) is { } before)
        {
            logger.LogInformation("Backup before the migration written to {File}", before);
        }

        if (await dailyFigures.RebuildWhenStaleAsync(db, cancellationToken))
        {
            logger.LogInformation("Counted the dashboard's daily figures again in time zone {TimeZone}", dailyFigures.Zone.Id);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        if (environment.IsDevelopment() && configuration.GetValue("Seed:DemoAccounts", true))
        {
            foreach (var (email, firstName, role) in DemoAccounts)
            {
                await EnsureUserAsync(email, firstName, DemoPassword, role);
            }

            await EnsureDemoStoresAsync(cancellationToken);
        }

        await EnsureBootstrapAdminAsync();

        if (environment.IsDevelopment() && configuration.GetValue("Seed:DemoComplaints", false))
        {
            await SeedDemoComplaintsAsync(cancellationToken);
        }
    }

    private async Task EnsureBootstrapAdminAsync()
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        await EnsureUserAsync(email, configuration["Bootstrap:AdminFirstName"] ?? "Beheerder", password, Roles.Admin);
        logger.LogInformation("Created the first administrator {Email} from configuration", email);
    }

    private async Task EnsureUserAsync(string email, string firstName, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FirstName = firstName };
            Ensure(await users.CreateAsync(user, password), $"account {email}");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Ensure(await users.AddToRoleAsync(user, role), $"role {role} for {email}");
        }
    }

    private async Task EnsureDemoStoresAsync(CancellationToken cancellationToken)
    {
        if (await db.Stores.AnyAsync(cancellationToken))
        {
            return;
        }

        var stores = DemoStores.Select(Store.Open).ToList();
        db.Stores.AddRange(stores);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (email, codes) in new[] { (DemoAccounts[0].Email, new[] { "UTR-01" }), (DemoAccounts[3].Email, new[] { "AMS-01", "RTM-01" }) })
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                continue;
            }

            user.AllStores = false;
            Ensure(await users.UpdateAsync(user), $"stores of {email}");
            db.StoreMemberships.AddRange(stores.Where(s => codes.Contains(s.Code)).Select(s => new Stores.StoreMembership(user.Id, s.Id)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static OpeningHours Week(string weekdays, string saturday, string? sunday)
    {
        DayHours? Day(string? text) => text is null ? null : OpeningHours.TryParseDay(text, out var hours) ? hours : null;
        return OpeningHours.From([Day(weekdays), Day(weekdays), Day(weekdays), Day(weekdays), Day(weekdays), Day(saturday), Day(sunday)]);
    }

    private async Task SeedDemoComplaintsAsync(CancellationToken cancellationToken)
    {
        if (await db.Complaints.AnyAsync(cancellationToken))
        {
            return;
        }

        var desker = await users.FindByEmailAsync(DemoAccounts[0].Email);
        if (desker is null)
        {
            return;
        }

        var staff = new StaffMember(desker.Id, desker.FirstName);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (CustomerContact Customer, ComplaintDetails Complaint, GrantedResolution Resolution)[] demo =
        [
            (new("Fatima el Amrani", "fatima@example.nl", "0612345678", "1012 AB"),
                new(Channel.Counter, ComplaintCategory.ProductDefect, "Waterkoker Deluxe", "WK-200", today.AddDays(-20), "Filiaal Centrum", ReceiptStatus.No, "Het deksel sluit niet meer en de waterkoker lekt.", ResolutionType.Refund),
                new(ResolutionType.Refund, new Money(2495), RefundMethod.Cash, null)),
            (new("Joost de Vries", "joost@example.nl", null, "3511 CD"),
                new(Channel.Phone, ComplaintCategory.Delivery, "Fietsband 28 inch", null, today.AddDays(-3), "Webwinkel", ReceiptStatus.Yes, "Pakket kwam beschadigd aan, band gescheurd.", ResolutionType.Replacement),
                new(ResolutionType.Replacement, null, null, "Nieuwe fietsband 28 inch, vandaag meegegeven")),
            (new("Anna Jansen", null, "020-7654321", "9711 EF"),
                new(Channel.Email, ComplaintCategory.Service, "Bezorgservice", null, null, null, ReceiptStatus.Unknown, "Bezorger was onvriendelijk en zette het pakket in de regen.", ResolutionType.Apology),
                new(ResolutionType.Voucher, new Money(1000), null, null)),
        ];
        var storeIds = await db.Stores.OrderBy(s => s.Id).Select(s => (int?)s.Id).ToListAsync(cancellationToken);
        var i = 0;
        foreach (var (customer, complaint, resolution) in demo)
        {
            // Spread over the demo stores (the last one, like an e-mail, without a store when there are none).
            var store = storeIds.Count == 0 ? null : storeIds[i++ % storeIds.Count];
            await desk.RecordAndResolveAsync(new RecordAndResolve(Guid.NewGuid(), customer, complaint with { StoreId = store }, resolution, staff), cancellationToken);
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
