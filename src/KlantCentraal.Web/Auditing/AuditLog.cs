using System.Security.Claims;
using KlantCentraal.Web.Data;

namespace KlantCentraal.Web.Auditing;

/// <summary>What a staff member did. Stored by name, so the log reads the same after code changes.</summary>
public enum AuditAction
{
    ComplaintRecorded,
    ComplaintResolved,
    ComplaintCorrected,
    InvestigationStarted,
    InvestigationAssigned,
    InvestigationAnalysed,
    InvestigationFixed,
    InvestigationVerified,
    InvestigationClosed,
    ComplaintMoved,
    InvestigationMerged,
    InvestigationSplit,
    TrustFlagSet,
    TrustFlagLifted,
    StaffCreated,
    StaffUpdated,
    StaffDeactivated,
    StaffReactivated,
    StaffPasswordLinkSent,
    SettingsChanged,
    CustomerExported,
    CustomerErased,
    ApiKeyCreated,
    ApiKeyRevoked,
    ComplaintLinkedToCustomer,
    ReplySent,
    SavedReplyChanged,
    StoreSaved,
    StoreClosed,
    StoresImported,
    StaffStoresChanged,
    ComplaintStoreChanged,
    StaffSignedIn,
    StaffSignedOut,
    CoSigned,
    CoSignPinSet,
    ClosingDaysChanged,
    WebhookEndpointChanged,
    HelpdeskImported,
    StaffProviderLinkAllowed,
    StaffLinkedToProvider,
    StaffSignInRefused,

    /// <summary>Finance marked a refund paid (issue 43).</summary>
    RefundPaid,
}

/// <summary>One line of the audit log: who did what, when, from where, to which record. Never changed afterwards.</summary>
public sealed class AuditEntry
{
    public const int DetailMaxLength = 2000;

    public long Id { get; init; }

    public DateTime At { get; init; }

    public string? ActorId { get; init; }

    public string ActorName { get; init; } = string.Empty;

    public string? IpAddress { get; init; }

    public AuditAction Action { get; init; }

    public string TargetType { get; init; } = string.Empty;

    public string TargetId { get; init; } = string.Empty;

    public string? Detail { get; init; }

    /// <summary>
    /// <see cref="Detail"/> as search compares it (lower case, no accents; see <see cref="Domain.SearchText"/>). Entries
    /// from before it existed have none and are still found by the plain search on <see cref="Detail"/>.
    /// </summary>
    public string? SearchText { get; init; }
}

/// <summary>
/// Adds audit entries to the request's DbContext, so an entry is saved in the same transaction as the change
/// it describes (and disappears with it if that change fails). Who and from where come from the request.
/// </summary>
public sealed class AuditLog(AppDbContext db, WriteGate gate, IHttpContextAccessor http, TimeProvider time)
{
    public void Record(AuditAction action, string targetType, string targetId, string? detail = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = user?.Identity?.Name ?? "KlantCentraal",
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Detail = detail is { Length: > AuditEntry.DetailMaxLength } ? detail[..AuditEntry.DetailMaxLength] : detail,
            SearchText = detail is null ? null : AuditDetail.SearchTextOf(detail is { Length: > AuditEntry.DetailMaxLength } ? detail[..AuditEntry.DetailMaxLength] : detail),
        });
    }

    /// <summary>Records an entry whose detail is a note with its values, rendered in the reader's language (<see cref="AuditDetail"/>).</summary>
    public void Record(AuditAction action, string targetType, string targetId, AuditNote note, params object?[] values) =>
        Record(action, targetType, targetId, AuditDetail.Of(note, values));

    /// <summary>Records and saves at once, for changes saved elsewhere (such as Identity's own store).</summary>
    public async Task RecordNowAsync(AuditAction action, string targetType, string targetId, string? detail, CancellationToken cancellationToken)
    {
        Record(action, targetType, targetId, detail);
        await gate.SaveAsync(db, cancellationToken);
    }

    /// <inheritdoc cref="RecordNowAsync(AuditAction, string, string, string?, CancellationToken)"/>
    public Task RecordNowAsync(AuditAction action, string targetType, string targetId, AuditNote note, CancellationToken cancellationToken, params object?[] values) =>
        RecordNowAsync(action, targetType, targetId, AuditDetail.Of(note, values), cancellationToken);
}
