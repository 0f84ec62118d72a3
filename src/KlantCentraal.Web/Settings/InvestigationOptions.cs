using KlantCentraal.Domain;

namespace KlantCentraal.Web.Settings;

/// <summary>How the queue worker triages: grouping window, service level and who owns which category.</summary>
public sealed class InvestigationOptions
{
    public const string Section = "Investigations";

    /// <summary>A complaint joins an open investigation for the same product and category opened within this many days.</summary>
    public int GroupingWindowDays { get; set; } = 30;

    /// <summary>Working days from opening to the due date.</summary>
    public int ServiceLevelWorkingDays { get; set; } = 10;

    /// <summary>Category → the e-mail address of the manager who owns new investigations in it.</summary>
    public Dictionary<ComplaintCategory, string> Owners { get; set; } = [];
}
