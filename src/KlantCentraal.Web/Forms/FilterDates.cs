namespace KlantCentraal.Web.Forms;

/// <summary>
/// Dates typed into a list's filter (or into its address) are kept within the years the app can count with:
/// <c>?to=9999-12-31</c> means "until the end", not an overflow when a day is added.
/// </summary>
public static class FilterDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static DateOnly? Clamp(DateOnly? date) =>
        date is not { } d ? null : d < Earliest ? Earliest : d > Latest ? Latest : d;
}
