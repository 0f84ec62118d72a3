namespace KlantCentraal.Web.Hosting;

/// <summary>
/// The one back-off of the table queues that retry a failed send (the mail outbox, webhook deliveries): the first wait
/// after the first failure, doubled with every further one, never longer than six hours (issue 42: it was written twice).
/// </summary>
public static class Backoff
{
    public static readonly TimeSpan Longest = TimeSpan.FromHours(6);

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: first, 2×, 4× … up to <see cref="Longest"/>.</summary>
    public static TimeSpan After(int attempts, TimeSpan first) =>
        TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20)), Longest.Ticks));
}
