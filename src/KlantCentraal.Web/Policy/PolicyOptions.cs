using System.Globalization;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Policy;

/// <summary>The organisation's desk policy. Configuration gives the defaults; an admin screen comes later.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>Above this amount in euros a manager co-signs the resolution. Default € 250.</summary>
    public decimal CoSignAboveEuros { get; set; } = 250m;

    public CoSignPolicy CoSign => new(Money.FromEuros(CoSignAboveEuros));

    public override string ToString() => CoSignAboveEuros.ToString(CultureInfo.InvariantCulture);
}
