using System.Security.Claims;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Identity;

/// <summary>
/// The signed-in staff member's account, read once per request: the session check (<c>StaffSessions</c>), the domain's
/// <see cref="StaffMember"/> and the store access (<c>StoreAccess</c>) all use the same row instead of reading it three
/// times (docs/performance.md). Replaces the copies of "find the account, else throw, then build a StaffMember" in
/// the page models.
/// </summary>
public sealed class CurrentStaff(AppDbContext db, IHttpContextAccessor http)
{
    private Account? _account;
    private StaffMember? _member;

    /// <summary>What a request needs to know of an account.</summary>
    public sealed record Account(string Id, string FirstName, string? SecurityStamp, bool IsActive, bool AllStores);

    /// <summary>The account with this id (the signed-in one), or null when it no longer exists.</summary>
    public async Task<Account?> AccountAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (_account is { } known && known.Id == userId)
        {
            return known;
        }

        return _account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Account(u.Id, u.FirstName, u.SecurityStamp, u.IsActive, u.AllStores))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<StaffMember> GetAsync()
    {
        if (_member is not null)
        {
            return _member;
        }

        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var account = principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await AccountAsync(id, http.HttpContext?.RequestAborted ?? default) : null;
        return _member = account is null
            ? throw new InvalidOperationException("The signed-in account no longer exists.")
            : new StaffMember(account.Id, account.FirstName, principal.IsInRole(Roles.Manager));
    }
}
