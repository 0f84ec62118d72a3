using System.Globalization;
using System.Text.Json;

namespace KlantCentraal.Web.Auditing;

/// <summary>
/// What an audit entry says beyond its action, when that is more than a value (issue 42: stored texts in one
/// language): a note and its values, stored as data and rendered in the reader's language by
/// <see cref="Localization.Formats.AuditDetail"/>. A value (a code, a name, a title, a reason someone typed) is
/// stored as itself.
/// </summary>
public enum AuditNote
{
    /// <summary>{email} co-signed with {how: Password|Pin} ({tracking code}).</summary>
    CoSignedWith,

    /// <summary>{name}: {scopes}; {store codes, or none for every store}.</summary>
    ApiKeyMade,

    /// <summary>Received without resolution through the API.</summary>
    ReceivedThroughApi,

    /// <summary>{email} through {provider}: {why: AlreadyLinked|NotAllowed|NotVerified}.</summary>
    SignInRefused,

    /// <summary>{email} through {provider}.</summary>
    SignedInThroughProvider,

    /// <summary>{email}, made by company sign-in.</summary>
    CreatedBySignIn,

    /// <summary>{email} linked to {provider}.</summary>
    LinkedToProvider,

    /// <summary>{email} signed out by {provider}.</summary>
    SignedOutByProvider,

    /// <summary>{email} with a password.</summary>
    SignedInWithPassword,

    /// <summary>{roles}, invited to sign in with the organisation account.</summary>
    InvitedWithProvider,

    LinkAllowed,
    LinkWithdrawn,
    Unlinked,
    Deleted,
    Reopened,

    /// <summary>{rows} row(s) queued.</summary>
    ImportQueued,

    /// <summary>Stopped after {done} of {total} row(s).</summary>
    ImportStopped,

    /// <summary>{added} new, {updated} updated, {unchanged} unchanged (and {customers} new customers for complaints).</summary>
    StoresImported,
    ComplaintsImported,

    /// <summary>Created: {url} ({events}).</summary>
    WebhookCreated,
    WebhookPaused,
    WebhookResumed,

    /// <summary>{count} complaint(s).</summary>
    Erased,

    /// <summary>{count} added: {days}.</summary>
    ClosingDaysAdded,

    /// <summary>Removed: {day} {reason}.</summary>
    ClosingDayRemoved,

    /// <summary>{count} open complaint(s) moved to {store code}.</summary>
    ComplaintsMovedTo,
}

public static class AuditDetail
{
    /// <summary>The stored form: a JSON array of the note's name and its values, e.g. <c>["CoSignedWith","a@b.nl","Pin","K7M4PX9QR"]</c>.</summary>
    public static string Of(AuditNote note, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return JsonSerializer.Serialize((string?[])[note.ToString(), .. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))]);
    }

    /// <summary>Reads a stored note back; false for a plain value and for entries written before notes existed.</summary>
    public static bool TryRead(string? detail, out AuditNote note, out IReadOnlyList<string?> values)
    {
        (note, values) = (default, []);
        if (detail is null || !detail.StartsWith("[\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string?[]>(detail);
            if (parts is not [{ } name, ..] || !Enum.TryParse(name, out note) || !Enum.IsDefined(note))
            {
                return false;
            }

            values = parts[1..];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What search compares: the values, folded, without the note's name or the JSON around them.</summary>
    public static string SearchTextOf(string detail) =>
        TryRead(detail, out _, out var values) ? Domain.SearchText.Fold(string.Join(' ', values.OfType<string>())) : Domain.SearchText.Fold(detail);
}
