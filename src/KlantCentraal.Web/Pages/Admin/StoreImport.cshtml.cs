using System.Text;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Imports;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// Import stores from a CSV file in two steps: upload shows a preview (new, updated, and every row's errors) and
/// saves nothing; "Importeren" reads and checks the file again and, only when no row has an error, queues it as an
/// import job and shows its progress page (<see cref="Imports.ImportJobs"/>). The file's text travels with the preview form.
/// </summary>
// The request may be much larger than an importable file, so a file that is too big gets "groter dan 5 MB" from the
// handler instead of the generic bad-request page; the upload is buffered to disk, not memory.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit, ValueLengthLimit = StoreCsv.MaxBytes * 2)]
public sealed class StoreImportModel(AppDbContext db, StoreCsv csv, ImportJobs imports, IStringLocalizer<SharedResource> t) : PageModel
{
    private const long UploadLimit = 64L * 1024 * 1024;

    /// <summary>Rows shown in the preview; every error is shown, whatever the number of rows.</summary>
    public const int PreviewRows = 20;

    public IFormFile? Upload { get; set; }

    /// <summary>The uploaded text, carried by the preview to the confirmation.</summary>
    [BindProperty]
    public string? Text { get; set; }

    public StoreCsvReport? Report { get; private set; }

    public HashSet<string> Existing { get; private set; } = [];

    /// <summary>The latest imports, running or ended, so a progress page left behind is found again.</summary>
    public IReadOnlyList<ImportState> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReadRecentAsync(cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), t["Kies een CSV-bestand met winkels."]);
            return Page();
        }

        if (upload.Length > StoreCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), t["Het bestand is groter dan {0} MB. Splits het in delen.", StoreCsv.MaxBytes / 1024 / 1024]);
            return Page();
        }

        using var reader = new StreamReader(upload.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        Text = await reader.ReadToEndAsync(cancellationToken);
        await ReadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Text) || Text.Length > StoreCsv.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), t["Kies een CSV-bestand met winkels."]);
            return Page();
        }

        await ReadAsync(cancellationToken);
        if (!Report!.CanImport)
        {
            ModelState.AddModelError(nameof(Upload), t["Er is niets opgeslagen: los eerst de fouten hieronder op en laad het bestand opnieuw."]);
            return Page();
        }

        var job = await imports.StartAsync(ImportKind.Stores, Text, Report.Rows.Count, User.Identity?.Name ?? string.Empty, cancellationToken);
        return RedirectToPage("/Admin/Import", new { id = job });
    }

    private async Task ReadRecentAsync(CancellationToken cancellationToken) => Recent = await imports.RecentAsync(ImportKind.Stores, 5, cancellationToken);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await ReadRecentAsync(cancellationToken);
        Report = csv.Read(Text!);
        Existing = (await db.Stores.AsNoTracking().Select(s => s.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }
}
