using KlantCentraal.Web.Hosting;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>The mail outbox and webhook deliveries wait the same way after a failure (issue 42: one back-off, not two copies).</summary>
public class BackoffWaits
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 360)]
    [InlineData(40, 360)]
    public void The_wait_doubles_after_every_failure_and_never_passes_six_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Backoff.After(attempts, TimeSpan.FromMinutes(1)));
}
