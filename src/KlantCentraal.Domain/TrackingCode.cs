using System.Security.Cryptography;

namespace KlantCentraal.Domain;

/// <summary>
/// The customer's key to their complaint. Nine symbols from a 31-letter alphabet without look-alikes
/// (no 0/O, 1/I/L), drawn from a cryptographic random number generator: 9 × log2(31) ≈ 44.6 bits.
/// Shown in three groups of three ("K7M-4PX-9QR") so it can be read over the phone.
/// </summary>
public sealed record TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 9;

    /// <summary>The random bits in one code: Length × log2(alphabet size).</summary>
    public static double EntropyBits => Length * Math.Log2(Alphabet.Length);

    private TrackingCode(string value) => Value = value;

    /// <summary>The nine symbols without separators, as stored.</summary>
    public string Value { get; }

    public static TrackingCode New()
    {
        Span<char> symbols = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            symbols[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new TrackingCode(new string(symbols));
    }

    /// <summary>
    /// Reads a code as a customer types it: case, spaces and dashes are ignored.
    /// </summary>
    public static bool TryParse(string? text, out TrackingCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var symbols = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '.').Select(char.ToUpperInvariant).ToArray());
        if (symbols.Length != Length || symbols.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        code = new TrackingCode(symbols);
        return true;
    }

    /// <summary>
    /// The first code written in a text the way customers quote it, in three groups of three joined by dashes (an
    /// e-mail's subject: "Re: uw klacht K7M-4PX-9QR"); case is ignored, a group of look-alikes (0, O, 1, I, L) is not
    /// a code. Null when the text names none.
    /// </summary>
    public static TrackingCode? FindIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        const int quoted = Length + 2; // "K7M-4PX-9QR"
        for (var start = 0; start + quoted <= text.Length; start++)
        {
            var candidate = text.AsSpan(start, quoted);
            if (candidate[3] == '-' && candidate[7] == '-'
                && (start == 0 || !char.IsLetterOrDigit(text[start - 1]))
                && (start + quoted == text.Length || !char.IsLetterOrDigit(text[start + quoted]))
                && TryParse(candidate.ToString(), out var code))
            {
                return code;
            }
        }

        return null;
    }

    public static TrackingCode Parse(string text) =>
        TryParse(text, out var code) ? code! : throw new FormatException($"'{text}' is not a tracking code.");

    /// <summary>The code as the customer reads it: three groups of three.</summary>
    public string Display => $"{Value[..3]}-{Value[3..6]}-{Value[6..]}";

    /// <summary>The nine symbols, as stored and as used in addresses; <see cref="Display"/> is for people.</summary>
    public override string ToString() => Value;
}
