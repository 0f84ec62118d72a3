using System.Globalization;
using System.Text;

namespace KlantCentraal.Domain;

/// <summary>When a place is open on one weekday: one span, or closed all day.</summary>
public readonly record struct DayHours(TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// Opening hours per weekday, Monday first. Stored as one canonical text ("mo=09:00-18:00;tu=…;su=") and shown
/// in the reader's language by the web layer, so a Dutch free-text "ma–vr" never reaches an English customer.
/// </summary>
public sealed class OpeningHours : IEquatable<OpeningHours>
{
    private static readonly string[] Keys = ["mo", "tu", "we", "th", "fr", "sa", "su"];

    /// <summary>Monday to Sunday, in that order.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly DayHours?[] _days;

    private OpeningHours(DayHours?[] days) => _days = days;

    public static OpeningHours Closed { get; } = new(new DayHours?[7]);

    public DayHours? this[DayOfWeek day] => _days[IndexOf(day)];

    public bool IsAlwaysClosed => _days.All(d => d is null);

    /// <summary>Hours from one span per weekday (Monday first); null for a day the place is closed.</summary>
    public static OpeningHours From(IReadOnlyList<DayHours?> mondayToSunday)
    {
        ArgumentNullException.ThrowIfNull(mondayToSunday);
        if (mondayToSunday.Count != 7)
        {
            throw new ArgumentException("Opening hours have seven days.", nameof(mondayToSunday));
        }

        foreach (var day in mondayToSunday)
        {
            if (day is { } d && d.Closes <= d.Opens)
            {
                throw new DomainException(DomainError.OpeningHoursReversed, "A day's closing time lies after its opening time.");
            }
        }

        return new OpeningHours([.. mondayToSunday]);
    }

    /// <summary>
    /// Reads one day as people write it: "09:00-18:00", "9:00 - 18:00", "9-18", or empty / "gesloten" / "closed"
    /// for a closed day. False for anything else (including a closing time before the opening time).
    /// </summary>
    public static bool TryParseDay(string? text, out DayHours? hours)
    {
        hours = null;
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0 || s.Equals("gesloten", StringComparison.OrdinalIgnoreCase) || s.Equals("closed", StringComparison.OrdinalIgnoreCase) || s == "-")
        {
            return true;
        }

        var parts = s.Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryTime(parts[0], out var opens) || !TryTime(parts[1], out var closes) || closes <= opens)
        {
            return false;
        }

        hours = new DayHours(opens, closes);
        return true;

        static bool TryTime(string t, out TimeOnly time)
        {
            if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23)
            {
                time = new TimeOnly(hour, 0);
                return true;
            }

            return TimeOnly.TryParseExact(t.Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }
    }

    /// <summary>The canonical stored text; <see cref="Parse"/> reads it back.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 7; i++)
        {
            text.Append(Keys[i]).Append('=');
            if (_days[i] is { } d)
            {
                text.Append(Day(d));
            }

            if (i < 6)
            {
                text.Append(';');
            }
        }

        return text.ToString();
    }

    /// <summary>"09:00-18:00": a day in the canonical form.</summary>
    public static string Day(DayHours hours) =>
        hours.Opens.ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + hours.Closes.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static OpeningHours Parse(string? stored)
    {
        var days = new DayHours?[7];
        foreach (var part in (stored ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            var index = Array.IndexOf(Keys, pair[0].Trim());
            if (index >= 0 && pair.Length == 2 && TryParseDay(pair[1], out var hours))
            {
                days[index] = hours;
            }
        }

        return new OpeningHours(days);
    }

    public bool Equals(OpeningHours? other) => other is not null && _days.SequenceEqual(other._days);

    public override bool Equals(object? obj) => Equals(obj as OpeningHours);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static int IndexOf(DayOfWeek day) => ((int)day + 6) % 7;
}
