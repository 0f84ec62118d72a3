using System.Globalization;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Settings;

/// <summary>The organisation's desk policy. Configuration gives the defaults; an admin screen comes later.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>Above this amount in euros a manager co-signs the resolution. Default € 250.</summary>
    public decimal CoSignAboveEuros { get; set; } = CoSignPolicy.Default.Limit.Euros;

    /// <summary>Above this amount in euros a second, different manager co-signs too. Default € 2.500.</summary>
    public decimal SecondCoSignAboveEuros { get; set; } = CoSignPolicy.Default.SecondLimit.Euros;

    /// <summary>The limits count the customer's goodwill of this many days plus the resolution at hand. Default 30.</summary>
    public int CoSignWindowDays { get; set; } = CoSignPolicy.DefaultWindowDays;

    /// <summary>Above this amount in euros the desk confirms it once ("klopt dit bedrag?"): a typing error costs real money. Default € 5.000.</summary>
    public decimal ConfirmAmountAboveEuros { get; set; } = 5000m;

    public CoSignPolicy CoSign => new(Money.FromEuros(CoSignAboveEuros), Money.FromEuros(SecondCoSignAboveEuros), Math.Max(0, CoSignWindowDays));

    public override string ToString() => CoSignAboveEuros.ToString(CultureInfo.InvariantCulture);
}
