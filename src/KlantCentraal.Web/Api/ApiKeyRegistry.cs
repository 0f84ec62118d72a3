using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Api;

/// <summary>The administrator issues and revokes API keys, each in one write with its audit entry; only a key's hash is stored.</summary>
public sealed class ApiKeyRegistry(AppDbContext db, WriteGate gate, AuditLog audit, TimeProvider time)
{
    /// <summary>Issues a key with <paramref name="scopes"/>, bound to <paramref name="stores"/> (none: every store); answers the plain key, shown once.</summary>
    public Task<string> IssueAsync(string name, ApiScopes scopes, IReadOnlyList<(int Id, string Code)> stores, string issuedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return gate.WriteAsync(
            db,
            () =>
            {
                var (key, plain) = ApiKey.Create(name.Trim(), scopes, issuedBy, time.GetUtcNow().UtcDateTime, [.. stores.Select(s => s.Id)]);
                db.ApiKeys.Add(key);
                audit.Record(AuditAction.ApiKeyCreated, nameof(ApiKey), key.Lookup, AuditNote.ApiKeyMade, key.Name, scopes, string.Join(", ", stores.Select(s => s.Code)));
                return Task.FromResult(plain);
            },
            cancellationToken);
    }

    /// <summary>The key stops working at once; revoking it again changes nothing.</summary>
    public Task<Outcome> RevokeAsync(int id, CancellationToken cancellationToken) =>
        gate.WriteAsync(
            db,
            async () =>
            {
                var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
                if (key is null)
                {
                    return Outcome.NotFound;
                }

                if (key.RevokedAt is not null)
                {
                    return Outcome.Unchanged;
                }

                key.RevokedAt = time.GetUtcNow().UtcDateTime;
                audit.Record(AuditAction.ApiKeyRevoked, nameof(ApiKey), key.Lookup, key.Name);
                return Outcome.Done(id);
            },
            cancellationToken);
}
