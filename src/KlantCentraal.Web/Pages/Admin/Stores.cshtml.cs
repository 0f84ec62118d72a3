using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>The chain's stores: search by code, name or city, open or closed, fifty to a page.</summary>
public sealed class StoresModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>"open" (default), "closed" or "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Saved { get; set; }

    public int Total { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var stores = db.Stores.AsNoTracking();
        stores = Show switch
        {
            "closed" => stores.Where(s => s.ClosedAt != null),
            "all" => stores,
            _ => stores.Where(s => s.ClosedAt == null),
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var code = Store.NormaliseCode(q);
            var like = SearchText.ContainsPattern(q);
            stores = stores.Where(s => s.Code.StartsWith(code) || EF.Functions.Like(s.SearchText!, like));
        }

        Total = await stores.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Rows = await stores.OrderBy(s => s.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new Row(s.Id, s.Code, s.Name, s.City, s.ClosedAt != null, s.MonthlyBudgetCents, s.CoSignLimitCents, db.StoreMemberships.Count(m => m.StoreId == s.Id)))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Code, string Name, string City, bool Closed, long? BudgetCents, long? CoSignLimitCents, int Staff);
}
