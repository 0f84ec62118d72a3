using Microsoft.AspNetCore.Identity;

namespace KlantCentraal.Web.Identity;

/// <summary>A staff account. The first name is what customers see ("Say who you are").</summary>
public sealed class StaffUser : IdentityUser
{
    public string FirstName { get; set; } = string.Empty;

    /// <summary>Deactivated accounts cannot sign in; they are never deleted so timelines keep their name.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Central staff work for every store; everyone else for the stores of their memberships.</summary>
    public bool AllStores { get; set; } = true;

    /// <summary>
    /// Made by a sign-in at the organisation's provider (ADR 0026): the provider's roles are this account's roles. An
    /// account an administrator made keeps the roles given here; a sign-in may add to them, never take one away.
    /// </summary>
    public bool ProvisionedBySignIn { get; set; }

    /// <summary>
    /// An administrator said this account may be linked to the organisation account with the same e-mail address
    /// (invited "met organisatieaccount", or "Koppel aan organisatieaccount"): the first sign-in whose provider vouches
    /// for the address (<c>email_verified=true</c>) links it, once. Without it the e-mail address never links.
    /// </summary>
    public bool ProviderLinkAllowed { get; set; }

    /// <summary>A manager who chose not to get the weekly and quarterly reports by e-mail (issue 29).</summary>
    public bool NoReportEmails { get; set; }

    /// <summary>
    /// The manager's own co-sign PIN (at least six digits), hashed like a password, for co-signing at the desk without
    /// a password here — a manager who signs in through the organisation's provider (ADR 0027). Null: none set.
    /// </summary>
    public string? CoSignPinHash { get; set; }

    /// <summary>Wrong PINs in a row; at <see cref="CoSignPinAttempts"/> the PIN is blocked until the manager sets a new one.</summary>
    public int CoSignPinFailures { get; set; }

    public const int CoSignPinAttempts = 5;

    public bool CoSignPinBlocked => CoSignPinFailures >= CoSignPinAttempts;
}

public static class Roles
{
    public const string ServiceDesk = "ServiceDesk";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    /// <summary>Finance (issue 43): pays out the refunds the desk granted to be transferred later.</summary>
    public const string Finance = "Finance";

    public static readonly IReadOnlyList<string> All = [ServiceDesk, Manager, Finance, Admin];
}

public static class Policies
{
    /// <summary>Service desk staff and managers: record and resolve complaints.</summary>
    public const string Desk = "Desk";

    /// <summary>Managers: investigations and the dashboard.</summary>
    public const string Manager = "Manager";

    /// <summary>Administrators: accounts and settings.</summary>
    public const string Admin = "Admin";

    /// <summary>Finance: the payouts.</summary>
    public const string Finance = "Finance";
}
