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

    public static readonly IReadOnlyList<string> All = [ServiceDesk, Manager, Admin];
}

public static class Policies
{
    /// <summary>Service desk staff and managers: record and resolve complaints.</summary>
    public const string Desk = "Desk";

    /// <summary>Managers: investigations and the dashboard.</summary>
    public const string Manager = "Manager";

    /// <summary>Administrators: accounts and settings.</summary>
    public const string Admin = "Admin";
}
