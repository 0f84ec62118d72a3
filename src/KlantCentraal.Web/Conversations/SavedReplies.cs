using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Conversations;

/// <summary>The administrator keeps the saved replies: each save or removal in one write with its audit entry.</summary>
public sealed class SavedReplies(AppDbContext db, WriteGate gate, AuditLog audit, TimeProvider time)
{
    /// <summary>Saves reply <paramref name="id"/> (0: a new one) with its texts, trimmed; the English text may be empty.</summary>
    public Task<Outcome> SaveAsync(int id, string title, string textNl, string? textEn, CancellationToken cancellationToken) =>
        gate.WriteAsync(
            db,
            async () =>
            {
                var reply = id == 0 ? db.SavedReplies.Add(new SavedReply()).Entity : await db.SavedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
                if (reply is null)
                {
                    return Outcome.NotFound;
                }

                (reply.Title, reply.TextNl, reply.TextEn, reply.UpdatedAt) = (title.Trim(), textNl.Trim(), textEn?.Trim() ?? string.Empty, time.GetUtcNow().UtcDateTime);
                audit.Record(AuditAction.SavedReplyChanged, nameof(SavedReply), reply.Title, null);
                return Outcome.Done(id);
            },
            cancellationToken);

    public Task<Outcome> RemoveAsync(int id, CancellationToken cancellationToken) =>
        gate.WriteAsync(
            db,
            async () =>
            {
                if (await db.SavedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } reply)
                {
                    return Outcome.NotFound;
                }

                db.SavedReplies.Remove(reply);
                audit.Record(AuditAction.SavedReplyChanged, nameof(SavedReply), reply.Title, AuditNote.Deleted);
                return Outcome.Done(id);
            },
            cancellationToken);
}
