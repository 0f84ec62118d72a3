using System.Security.Claims;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Stores;

/// <summary>A store as the screens offer it.</summary>
public sealed record StoreChoice(int Id, string Code, string Name, string City)
{
    public string Label => $"{Name} ({City})";
}

/// <summary>
/// Which stores the signed-in staff member works for, and which one the desk works for on this browser
/// (ADR 0016). Central staff (<see cref="Identity.StaffUser.AllStores"/>) may use every store; everyone else only
/// their memberships. The desk's store comes from a cookie, but only a store the person belongs to counts: a
/// crafted cookie or form value for another store is ignored. Loaded once per request.
/// </summary>
public sealed class StoreAccess(AppDbContext db, IHttpContextAccessor http, Identity.CurrentStaff staff)
{
    private Snapshot? _snapshot;

    public sealed record Snapshot(bool AllStores, IReadOnlyList<StoreChoice> Stores, StoreChoice? Current)
    {
        /// <summary>Someone with several stores chooses once (remembered on this browser); central staff need not.</summary>
        public bool MustChoose => Current is null && !AllStores && Stores.Count > 1;

        /// <summary>Works for no (open) store yet — a new employee until an administrator gives one: the desk says so and records nothing.</summary>
        public bool NoStore => !AllStores && Stores.Count == 0;

        public bool May(int? storeId) => storeId is null ? AllStores : AllStores || Stores.Any(s => s.Id == storeId);

        /// <summary>The store ids a list is limited to by default; null for central staff (every store).</summary>
        public IReadOnlyList<int>? DefaultScope => AllStores ? null : Stores.Select(s => s.Id).ToList();

        /// <summary>
        /// The stores a list shows for its store filter: empty = the person's own stores (every store for central
        /// staff), "all" = every store (for looking a customer up), a code = that store, only when it is one of
        /// the person's own. Null ids mean no store filter; <see cref="ListScope.Allowed"/> is false for someone
        /// else's store.
        /// </summary>
        public ListScope Scope(string? filter)
        {
            if (string.IsNullOrWhiteSpace(filter))
            {
                return new ListScope(true, DefaultScope);
            }

            if (filter == AllFilter)
            {
                return new ListScope(true, null);
            }

            var code = Store.NormaliseCode(filter);
            return Stores.FirstOrDefault(s => s.Code == code) is { } store ? new ListScope(true, [store.Id]) : new ListScope(false, []);
        }

        /// <summary>
        /// The stores a report's figures cover — the dashboard, the store comparison, the management review and their
        /// CSVs (the weekly digest reads the same memberships): as <see cref="Scope"/>, except that "all" is only for
        /// central staff. Figures never include a store that is not one's own (issue 41/3).
        /// </summary>
        public ListScope ReportScope(string? filter) => filter == AllFilter && !AllStores ? new ListScope(false, []) : Scope(filter);
    }

    public const string AllFilter = "all";

    /// <summary>Which stores a list may show: <see cref="Ids"/> null for every store.</summary>
    public sealed record ListScope(bool Allowed, IReadOnlyList<int>? Ids);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is not null)
        {
            return _snapshot;
        }

        var context = http.HttpContext;
        var userId = context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var allStores = userId is not null && await staff.AccountAsync(userId, cancellationToken) is { AllStores: true };
        var active = db.Stores.AsNoTracking().Where(s => s.ClosedAt == null);
        if (!allStores)
        {
            active = active.Where(s => db.StoreMemberships.Any(m => m.StaffUserId == userId && m.StoreId == s.Id));
        }

        var stores = await active.OrderBy(s => s.Name).Select(s => new StoreChoice(s.Id, s.Code, s.Name, s.City)).ToListAsync(cancellationToken);
        var chosen = context?.Request.Cookies[CookieNames.DeskStore];
        var current = stores.FirstOrDefault(s => s.Code == chosen) ?? (!allStores && stores.Count == 1 ? stores[0] : null);
        return _snapshot = new Snapshot(allStores, stores, current);
    }

    /// <summary>Remembers the desk's store on this browser, if the person may work there; false otherwise.</summary>
    public async Task<bool> ChooseAsync(string? code, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(cancellationToken);
        var response = http.HttpContext!.Response;
        if (string.IsNullOrEmpty(code) && snapshot.AllStores)
        {
            response.Cookies.Delete(CookieNames.DeskStore);
            _snapshot = snapshot with { Current = null };
            return true;
        }

        var store = snapshot.Stores.FirstOrDefault(s => s.Code == Store.NormaliseCode(code));
        if (store is null)
        {
            return false;
        }

        response.Cookies.Append(CookieNames.DeskStore, store.Code, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        _snapshot = snapshot with { Current = store };
        return true;
    }
}
