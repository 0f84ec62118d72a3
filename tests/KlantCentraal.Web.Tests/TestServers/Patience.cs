namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>
/// Tests wait for conditions, never clocks (issue 41): each wait ends when what it waits for happens, or when what
/// could make it happen is gone (a process exited, the writers stopped). Where nothing else can end a wait — a live
/// notice that a regression would never send — this is the one guard against a suite that hangs: long enough that no
/// machine, however busy, reaches it by being slow, so reaching it means the awaited thing will not happen.
/// </summary>
internal static class Patience
{
    public static readonly TimeSpan BeforeCallingItAHang = TimeSpan.FromMinutes(10);
}
