using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Data;

/// <summary>
/// Issue 42: a step declares its after-commit effects on <see cref="StepEffects"/> and the gate runs them once the
/// write committed — letters first, then notices, then metrics and the log — never for a write that was rolled back;
/// an effect that fails is logged and the step still answers what it stored.
/// </summary>
public sealed class StepEffectsAfterCommit : IDisposable
{
    private readonly KlantCentraalFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>A step's work that stores one row of its own (an e-mail key no neighbour uses), for the tests to find.</summary>
    private static void StoreOneRow(AppDbContext db, string key) =>
        db.InboundEmails.Add(new InboundEmail { Key = key, Outcome = InboundOutcome.Ignored, ReceivedAt = DateTime.UtcNow });

    private Task<bool> StoredAsync(string key) => _app.WithDbAsync(d => d.InboundEmails.AnyAsync(e => e.Key == key));

    private static (AppDbContext Db, WriteGate Gate) Write(IServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<WriteGate>());

    [Fact]
    public async Task The_gate_runs_a_step_s_effects_after_the_commit_in_order_and_counts_its_letters()
    {
        var key = $"<{Guid.NewGuid():N}@effects.test>";
        var seen = new List<string>();
        using var scope = _app.Services.CreateScope();
        var (db, gate) = Write(scope);

        var outcome = await gate.StepAsync(
            db,
            effects =>
            {
                StoreOneRow(db, key);
                effects.Record(() => seen.Add("record"));
                effects.Notice(async _ => seen.Add($"notice: stored {await StoredAsync(key)}"));
                effects.Letter(_ =>
                {
                    seen.Add("letter");
                    return Task.FromResult(true);
                });
                effects.Letter(_ => Task.FromResult(false));
                effects.ForWorker(3, () => seen.Add("worker woken"));
                return Task.FromResult(Outcome.Done(7));
            },
            CancellationToken.None);

        Assert.Equal(["letter", "worker woken", "notice: stored True", "record"], seen);
        Assert.Equal(7, outcome.Id);
        Assert.Equal(5, outcome.Letters); // two sent now, three by the outbox's worker
        Assert.False(outcome.Mailed); // one of the letters sent now did not go
    }

    [Fact]
    public async Task An_effect_that_fails_is_logged_and_the_step_still_answers_what_it_stored()
    {
        var key = $"<{Guid.NewGuid():N}@effects.test>";
        var after = false;
        using var scope = _app.Services.CreateScope();
        var (db, gate) = Write(scope);

        var outcome = await gate.StepAsync(
            db,
            effects =>
            {
                StoreOneRow(db, key);
                effects.Letter(_ => throw new InvalidOperationException("the mail server hung up"));
                effects.Notice(_ => throw new TimeoutException("the backplane does not answer"));
                effects.Record(() => after = true);
                return Task.FromResult(Outcome.Done());
            },
            CancellationToken.None);

        Assert.True(outcome.IsDone);
        Assert.False(outcome.Mailed);
        Assert.True(after);
        Assert.True(await StoredAsync(key));
        Assert.Equal(2, _app.Logged.Messages.Count(m => m.StartsWith("The write committed, but ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_step_whose_write_fails_stores_nothing_and_runs_none_of_its_effects()
    {
        var key = $"<{Guid.NewGuid():N}@effects.test>";
        var ran = new List<string>();
        using var scope = _app.Services.CreateScope();
        var (db, gate) = Write(scope);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.StepAsync(
            db,
            effects =>
            {
                StoreOneRow(db, key);
                effects.Letter(_ =>
                {
                    ran.Add("letter");
                    return Task.FromResult(true);
                });
                effects.Record(() => ran.Add("record"));
                throw new InvalidOperationException("a rule said no half-way");
            },
            CancellationToken.None));

        Assert.Empty(ran);
        Assert.False(await StoredAsync(key));
    }
}
