using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// The desk's live channel (ASP.NET Core SignalR): staff pages listen, and when a customer's message arrives (or a
/// colleague answers) the inbox refreshes its list without a reload. Only desk staff can connect.
/// </summary>
[Authorize(Policy = Identity.Policies.Desk)]
public sealed class InboxHub : Hub
{
    public const string Path = "/hubs/inbox";
    public const string Changed = "inboxChanged";
}

/// <summary>
/// Tells every connected desk page, on every instance (through the Redis backplane when configured), that the inbox
/// changed, naming the complaint. Called after the change committed; a notice that cannot be sent is logged and
/// dropped: the change is stored and a reload shows it, so the sender must not see an error.
/// </summary>
public sealed class InboxNotifier(IHubContext<InboxHub> hub, ILogger<InboxNotifier> logger)
{
    public async Task ChangedAsync(string trackingCode, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.All.SendAsync(InboxHub.Changed, trackingCode, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "The desks were not told live about complaint {TrackingCode}: the backplane does not answer", trackingCode);
        }
    }
}
