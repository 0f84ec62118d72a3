using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Api;

/// <summary>The chain's stores by code, for an integration: what it sends as storeCode.</summary>
public static class StoresApi
{
    public static RouteHandlerBuilder MapStores(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/stores", ListStoresAsync)
            .RequireAuthorization(ApiServices.ReadPolicy)
            .RequireRateLimiting(ApiServices.RateLimitPolicy)
            .WithTags("Stores")
            .WithName("ListStores")
            .WithSummary("The chain's stores with their codes (scope ReadComplaints).")
            .Produces<List<StoreDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>The chain's stores, open and closed, by code: what an integration sends as storeCode.</summary>
    private static async Task<IResult> ListStoresAsync(AppDbContext db, CancellationToken cancellationToken) =>
        Results.Ok(await db.Stores.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new StoreDto(s.Code, s.Name, s.City, s.Address, s.Phone, s.Email, s.OpeningHoursText, s.ClosedAt == null))
            .ToListAsync(cancellationToken));

    /// <summary>A store. OpeningHours: "mo=09:00-18:00;tu=…;su=" (empty: closed that day).</summary>
    public sealed record StoreDto(string Code, string Name, string City, string? Address, string? Phone, string? Email, string OpeningHours, bool Open);
}
