using System.Globalization;

namespace KlantCentraal.Domain;

/// <summary>
/// An amount in euros, held as whole euro cents. The rule: money is never a floating-point number;
/// it is stored, compared and summed as cents (a 64-bit integer), and only formatted at the screen.
/// </summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    /// <summary>The largest amount a desk can enter: € 100.000,00. Anything above is a typing error.</summary>
    public static readonly Money Max = new(100_000_00);

    public static Money Zero => new(0);

    public static Money FromEuros(decimal euros) => new(checked((long)decimal.Round(euros * 100m, 0, MidpointRounding.AwayFromZero)));

    public decimal Euros => EurosOf(Cents);

    /// <summary>
    /// Cents as euros, always with two decimals (2495 → 24.95, 1250 → 12.50, 25000 → 250.00): the one conversion, also
    /// for sums read straight from the database, so spreadsheets and forms show amounts the same way.
    /// </summary>
    public static decimal EurosOf(long cents) => cents * 0.01m;

    public bool IsPositive => Cents > 0;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    public static bool operator <(Money left, Money right) => left.Cents < right.Cents;
    public static bool operator >(Money left, Money right) => left.Cents > right.Cents;
    public static bool operator <=(Money left, Money right) => left.Cents <= right.Cents;
    public static bool operator >=(Money left, Money right) => left.Cents >= right.Cents;

    public static Money operator +(Money left, Money right) => new(checked(left.Cents + right.Cents));

    /// <summary>
    /// Reads an amount the way people type it at a Dutch or English desk: "24,95", "24.95", "€ 24,95",
    /// "1.250,00", "1,250.00", "25". A single separator followed by one or two digits is the decimal
    /// separator; a dot followed by groups of three digits groups thousands (Dutch "1.250"); a lone comma
    /// followed by three digits ("1,250") means 1250 in English but 1,25 in Dutch, so it is refused. Negative amounts, more than two decimals
    /// and anything that is not a number are refused.
    /// </summary>
    public static bool TryParse(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var s = Bare(text);
        if (s.Length == 0 || s.Any(c => !char.IsAsciiDigit(c) && c != ',' && c != '.'))
        {
            return false;
        }

        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        string integerPart;
        string fractionPart;
        if (lastComma >= 0 && lastDot >= 0)
        {
            var decimalSeparator = lastComma > lastDot ? ',' : '.';
            var groupSeparator = decimalSeparator == ',' ? '.' : ',';
            var at = s.LastIndexOf(decimalSeparator);
            integerPart = s[..at];
            fractionPart = s[(at + 1)..];
            if (fractionPart.Contains(groupSeparator) || integerPart.Contains(decimalSeparator) || !IsGrouped(integerPart, groupSeparator))
            {
                return false;
            }

            integerPart = integerPart.Replace(groupSeparator.ToString(), string.Empty, StringComparison.Ordinal);
        }
        else if (lastComma >= 0 || lastDot >= 0)
        {
            var separator = lastComma >= 0 ? ',' : '.';
            var parts = s.Split(separator);
            if (parts.Length == 2 && parts[1].Length is 1 or 2)
            {
                integerPart = parts[0];
                fractionPart = parts[1];
            }
            else if (separator == '.' && IsGrouped(s, separator))
            {
                integerPart = s.Replace(separator.ToString(), string.Empty, StringComparison.Ordinal);
                fractionPart = string.Empty;
            }
            else
            {
                return false;
            }
        }
        else
        {
            integerPart = s;
            fractionPart = string.Empty;
        }

        if (integerPart.Length == 0 || integerPart.Length > 12 || fractionPart.Length > 2)
        {
            return false;
        }

        var euros = long.Parse(integerPart, NumberStyles.None, CultureInfo.InvariantCulture);
        var cents = fractionPart.Length == 0 ? 0 : long.Parse(fractionPart.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        money = new Money(euros * 100 + cents);
        return true;
    }

    /// <summary>Why <see cref="TryParse"/> refuses a text, so the screen can say what to change.</summary>
    public static AmountProblem Diagnose(string? text)
    {
        if (TryParse(text, out _))
        {
            return AmountProblem.None;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return AmountProblem.Empty;
        }

        var s = Bare(text);
        if (text.Length > 32 || s.Count(char.IsAsciiDigit) > 14)
        {
            return AmountProblem.TooLong;
        }

        if (s.StartsWith('-') || s.EndsWith('-'))
        {
            return AmountProblem.Negative;
        }

        if (s.Length == 0 || s.Any(c => !char.IsAsciiDigit(c) && c != ',' && c != '.'))
        {
            return AmountProblem.NotANumber;
        }

        var last = s.LastIndexOfAny([',', '.']);
        var decimals = s.Length - last - 1;
        if (last >= 0 && s.Count(c => c is ',' or '.') == 1 && s[last] == ',' && decimals == 3 && last is >= 1 and <= 3)
        {
            return AmountProblem.Ambiguous;
        }

        return last >= 0 && decimals > 2 && s.Count(c => c == s[last]) == 1 ? AmountProblem.TooManyDecimals : AmountProblem.NotANumber;
    }

    /// <summary>The number as typed without currency signs, spaces and a closing ",-" ("€ 25,-" → "25").</summary>
    private static string Bare(string text)
    {
        var s = text.Replace("€", string.Empty, StringComparison.Ordinal)
            .Replace("EUR", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Trim();
        return s.EndsWith(",-", StringComparison.Ordinal) || s.EndsWith(".-", StringComparison.Ordinal) ? s[..^2] : s;
    }

    private static bool IsGrouped(string number, char separator)
    {
        var groups = number.Split(separator);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    public override string ToString() => Euros.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>What is wrong with a typed amount (see <see cref="Money.Diagnose"/>).</summary>
public enum AmountProblem
{
    None,
    Empty,
    NotANumber,
    Negative,
    TooManyDecimals,

    /// <summary>"1,250": 1.250 in English, 1,25 in Dutch — we do not guess.</summary>
    Ambiguous,
    TooLong,
}
