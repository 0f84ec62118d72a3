using KlantCentraal.Domain;

namespace KlantCentraal.Web.Reporting;

/// <summary>What a row of the daily roll-up counts, and what its <see cref="DailyFigure.Item"/> holds.</summary>
public enum DailyFigureKind
{
    /// <summary>Every complaint of the day; Item is empty.</summary>
    Total,

    /// <summary>Item: the product key.</summary>
    Product,

    /// <summary>Item: the cause category of the complaint's investigation, empty while none is known.</summary>
    Cause,

    /// <summary>Resolved complaints only; Item: the minutes to resolution.</summary>
    Minutes,

    /// <summary>One row (Day 0001-01-01): Item is the layout version and the time zone the days were counted in.</summary>
    CountedIn,

    /// <summary>As <see cref="Product"/>, per calendar month (Day: the first of the month): long periods read months.</summary>
    ProductByMonth,

    /// <summary>As <see cref="Minutes"/>, per calendar month (Day: the first of the month).</summary>
    MinutesByMonth,

    /// <summary>
    /// A complaint whose customer complained again: Day is its day, Item the next complaint's day (yyyy-MM-dd). With
    /// <see cref="CustomerTriple"/> the number of customers with two complaints or more in a period (ADR 0039).
    /// </summary>
    CustomerPair,

    /// <summary>A complaint between two of its customer's: Day is the previous one's day, Item the next one's day.</summary>
    CustomerTriple,

    /// <summary>
    /// Promises that fall due on Day (the promised day): Item is "store id|regime" (no id: no store); Complaints counts
    /// the promises that count (kept, missed, or still open with a running clock), FirstContact the kept ones (ADR 0039).
    /// </summary>
    Promise,

    /// <summary>As <see cref="Promise"/>, per calendar month of the promised day (Day: the first of the month).</summary>
    PromiseByMonth,
}

/// <summary>
/// One row of the managers' dashboard's daily roll-up (ADR 0022): the complaints received on <see cref="Day"/>, a
/// day in the organisation's time zone, that share <see cref="Item"/>. Kept in the same transaction as every change
/// to a complaint or an investigation's cause by <see cref="DailyFiguresInterceptor"/>, so the dashboard adds up
/// days instead of reading every complaint of the period.
/// </summary>
public sealed class DailyFigure
{
    public const int ItemMaxLength = Complaint.ProductNameMaxLength + 8;

    private DailyFigure()
    {
        Item = string.Empty;
    }

    public DailyFigureKind Kind { get; private set; }

    public DateOnly Day { get; private set; }

    public string Item { get; private set; }

    public int Complaints { get; private set; }

    public int FirstContact { get; private set; }

    public long GoodwillCents { get; private set; }

    public int Rated { get; private set; }

    public int ScoreSum { get; private set; }
}
