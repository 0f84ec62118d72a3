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

/// <summary>Tells every connected desk page that the inbox changed, naming the complaint.</summary>
public sealed class InboxNotifier(IHubContext<InboxHub> hub)
{
    public Task ChangedAsync(string trackingCode, CancellationToken cancellationToken) =>
        hub.Clients.All.SendAsync(InboxHub.Changed, trackingCode, cancellationToken);
}
