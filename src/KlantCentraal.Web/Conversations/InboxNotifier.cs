using System.Collections.Concurrent;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// The desk's live channel (ASP.NET Core SignalR): staff pages listen, and when a customer's message arrives (or a
/// colleague answers) the inbox fetches its list again, which shows only what the person may see. Only desk staff
/// can connect; each connection joins the groups of its person's stores, and the notice names no complaint
/// (issue 26, finding 7). A connection ends when its person signs out or is deactivated.
/// </summary>
[Authorize(Policy = Identity.Policies.Desk)]
public sealed class InboxHub(AppDbContext db, LiveConnections live) : Hub
{
    public const string Path = "/hubs/inbox";
    public const string Changed = "inboxChanged";

    /// <summary>The group of everyone who works for every store.</summary>
    public const string AllStoresGroup = "stores:all";

    public static string StoreGroup(int storeId) => $"store:{storeId}";

    public override async Task OnConnectedAsync()
    {
        var userId = Context.UserIdentifier;
        if (userId is null)
        {
            Context.Abort();
            return;
        }

        var allStores = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.AllStores).FirstOrDefaultAsync(Context.ConnectionAborted);
        var groups = allStores
            ? [AllStoresGroup]
            : (await db.StoreMemberships.AsNoTracking().Where(m => m.StaffUserId == userId).Select(m => m.StoreId).ToListAsync(Context.ConnectionAborted)).Select(StoreGroup).ToList();
        live.Add(userId, Context, groups);
        try
        {
            foreach (var group in groups)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The backplane is away: this page still hears its own instance's changes (LiveConnections keeps its groups).
            live.Degraded(ex);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } userId)
        {
            live.Remove(userId, Context.ConnectionId);
        }

        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// The live connections of this instance, per person, so that signing out or deactivating ends them at once. With
/// several instances the end is announced through the shared Redis, and every instance ends its own.
/// </summary>
public sealed class LiveConnections : IDisposable
{
    private static readonly StackExchange.Redis.RedisChannel Ended = StackExchange.Redis.RedisChannel.Literal(SharedRedis.Prefix + "sessions-ended");
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _groups = new(StringComparer.Ordinal);
    private readonly SharedRedis? _redis;
    private readonly ILogger<LiveConnections> _logger;

    public LiveConnections(ILogger<LiveConnections> logger, SharedRedis? redis = null)
    {
        (_logger, _redis) = (logger, redis);
        try
        {
            // Kept by the multiplexer and made again on every reconnect.
            _redis?.Connection.GetSubscriber().Subscribe(Ended, (_, userId) => EndHere(userId.ToString()));
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Sign-outs on other instances do not end live connections here until Redis answers");
        }
    }

    public void Add(string userId, HubCallerContext context, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(context);
        _groups[context.ConnectionId] = groups;
        _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[context.ConnectionId] = context;
    }

    /// <summary>This instance's connections in any of <paramref name="groups"/> (all of them when null): whom a notice reaches without the backplane.</summary>
    public IReadOnlyList<string> ConnectionsIn(IReadOnlyCollection<string>? groups) =>
        _groups.Where(c => groups is null || c.Value.Any(groups.Contains)).Select(c => c.Key).ToList();

    public void Degraded(Exception ex) => _logger.LogWarning(ex, "A live inbox connection joined while Redis does not answer: it hears only this instance's changes until it reconnects");

    public void Remove(string userId, string connectionId)
    {
        _groups.TryRemove(connectionId, out _);
        if (_byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Ends every live connection of the person, on every instance.</summary>
    public async Task EndAsync(string userId)
    {
        EndHere(userId);
        if (_redis is not null)
        {
            try
            {
                await _redis.Connection.GetSubscriber().PublishAsync(Ended, userId);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                _logger.LogWarning(ex, "The other instances were not told to end the live connections of {StaffId}: Redis does not answer", userId);
            }
        }
    }

    private void EndHere(string userId)
    {
        if (_byUser.TryRemove(userId, out var connections))
        {
            foreach (var context in connections.Values)
            {
                context.Abort();
            }
        }
    }

    public void Dispose() => _redis?.Connection.GetSubscriber().Unsubscribe(Ended);
}

/// <summary>
/// Tells the connected desk pages of the complaint's store (and everyone working for every store), on every instance
/// (through the Redis backplane when configured), that the inbox changed. The notice carries no tracking code: each
/// page fetches what its person may see. Called after the change committed; a notice that cannot be sent is logged
/// and the notice goes to this instance's own connections directly (SignalR writes to a local connection without the
/// backplane): the change is stored and a reload shows it everywhere, so the sender must not see an error.
/// </summary>
public sealed class InboxNotifier(IHubContext<InboxHub> hub, LiveConnections live, ILogger<InboxNotifier> logger)
{
    /// <summary>Declares on a step's effects that the desks of <paramref name="storeId"/> hear of the change once the write committed.</summary>
    public void Changed(StepEffects effects, int? storeId)
    {
        ArgumentNullException.ThrowIfNull(effects);
        effects.Notice(ct => ChangedAsync(storeId, ct));
    }

    public async Task ChangedAsync(int? storeId, CancellationToken cancellationToken)
    {
        string[]? groups = storeId is { } id ? [InboxHub.StoreGroup(id), InboxHub.AllStoresGroup] : null;
        try
        {
            var clients = groups is null ? hub.Clients.All : hub.Clients.Groups(groups);
            await clients.SendAsync(InboxHub.Changed, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "The desks of store {StoreId} on other instances were not told live about a change: the backplane does not answer; this instance's desks are", storeId);
            // One by one: the backplane writes a single local connection directly, but publishes a list of them.
            foreach (var connectionId in live.ConnectionsIn(groups))
            {
                try
                {
                    await hub.Clients.Client(connectionId).SendAsync(InboxHub.Changed, cancellationToken);
                }
                catch (Exception gone) when (gone is StackExchange.Redis.RedisException or TimeoutException)
                {
                    // The connection closed in between, so the backplane was asked after all: the change is stored anyway.
                }
            }
        }
    }
}
