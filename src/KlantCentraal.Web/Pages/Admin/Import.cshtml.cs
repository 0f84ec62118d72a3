using KlantCentraal.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// An import's progress page (issue 32): how many rows are stored, read from the job in the database, so a refresh, a
/// closed tab or another instance shows the same; when it ends, what it did. The page asks again every second with
/// JavaScript (<c>import-progress.js</c>, the Progress handler returns the same part of the page); without it, a
/// refresh does.
/// </summary>
public sealed class ImportModel(ImportJobs imports) : PageModel
{
    public ImportState State { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await imports.FindAsync(id, cancellationToken) is not { } state)
        {
            return NotFound();
        }

        State = state;
        return Page();
    }

    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken) =>
        await imports.FindAsync(id, cancellationToken) is { } state ? Partial("_ImportProgress", state) : NotFound();
}
