using System.Security.Claims;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Api;

/// <summary>What a store-bound API key reaches (issue 29): its stores' complaints only; every other one is answered 404.</summary>
public static class StoreScope
{
    /// <summary>The stores a key is bound to (issue 29); null: every store, and complaints without one.</summary>
    public static IReadOnlyList<int>? StoresOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var ids = user.FindAll(ApiKeyAuthentication.StoreClaim).Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>The complaints a key reaches: a store-bound key only its stores'; another complaint is answered 404, as if it did not exist.</summary>
    public static IQueryable<Complaint> Reachable(this IQueryable<Complaint> complaints, ClaimsPrincipal user) =>
        StoresOf(user) is { } stores ? complaints.Where(c => c.StoreId != null && stores.Contains(c.StoreId.Value)) : complaints;
}
