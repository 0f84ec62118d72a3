using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Investigations;

/// <summary>Who takes a step on which investigation, against the version the manager's page showed.</summary>
public sealed record InvestigationStep(int InvestigationId, int Version, StaffMember Manager);

/// <summary>
/// The manager's steps on a root-cause investigation, as <see cref="Complaints.ComplaintDesk"/> is the desk's: start,
/// assign, analysis, fixed with the customers' letters, verify, close, move, merge and split, each in one write with its
/// audit entry, guarded by the version the manager saw. Steps answer with a
/// <see cref="Outcome"/>; the rules themselves live in the domain and come back as <see cref="DomainError"/> codes.
/// </summary>
public sealed class InvestigationSteps(
    AppDbContext db,
    WriteGate gate,
    MailOutbox outbox,
    AuditLog audit,
    UserManager<StaffUser> users,
    TimeProvider time,
    Webhooks.Webhooks webhooks,
    Organisation.Deadlines deadlines,
    ILogger<InvestigationSteps> logger)
{
    public Task<Outcome> StartAsync(InvestigationStep step, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationStarted, (i, _, _) => Done(i, () => i.Start(step.Manager)), cancellationToken);

    public async Task<Outcome> AssignAsync(InvestigationStep step, string? managerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var user = string.IsNullOrEmpty(managerId) ? null : await users.FindByIdAsync(managerId);
        if (user is null)
        {
            return Outcome.Refused(DomainError.OwnerMustBeManager, "Choose a manager.") with { Id = step.InvestigationId };
        }

        var manager = new StaffMember(user.Id, user.FirstName, isManager: user.IsActive && await users.IsInRoleAsync(user, Roles.Manager));
        return await ChangeAsync(step, AuditAction.InvestigationAssigned, (i, _, _) => Done(i, () => i.Assign(manager)), cancellationToken);
    }

    public Task<Outcome> RecordAnalysisAsync(InvestigationStep step, InvestigationAnalysis analysis, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationAnalysed, (i, _, _) => Done(i, () => i.RecordAnalysis(analysis, step.Manager)), cancellationToken);

    /// <summary>
    /// Marks the cause fixed, closes every linked complaint with the improvement text and owes each customer with an
    /// e-mail address one letter, in the same transaction; once it is committed the outbox's worker sends them, so the
    /// manager is answered at once however many customers there are (issue 42: 200 customers were 200 SMTP round
    /// trips inside one POST). <see cref="Outcome.Letters"/> says how many (the gate counts them from the step's effects).
    /// </summary>
    public Task<Outcome> MarkFixedAsync(InvestigationStep step, string? improvementText, DateOnly effectivenessCheckDate, LetterContext letter, CancellationToken cancellationToken) =>
        ChangeAsync(
            step,
            AuditAction.InvestigationFixed,
            (i, now, effects) => Done(i, () =>
            {
                i.MarkFixed(improvementText ?? string.Empty, effectivenessCheckDate, step.Manager, now, deadlines.DayOf(now));
                var customers = i.Complaints.Where(c => c.Customer?.Email is not null).DistinctBy(c => c.Customer!.Email).ToList();
                outbox.OweLater(effects, MailKind.Improvement, customers, letter, now);
            }),
            cancellationToken);

    public Task<Outcome> VerifyAsync(InvestigationStep step, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationVerified, (i, now, _) => Done(i, () => i.Verify(step.Manager, now, deadlines.DayOf(now))), cancellationToken);

    public Task<Outcome> CloseWithoutCauseAsync(InvestigationStep step, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationClosed, (i, now, _) => Done(i, () => i.CloseWithoutCause(reason ?? string.Empty, step.Manager, now)), cancellationToken);

    /// <summary>Moves one of the investigation's complaints to another running investigation.</summary>
    public Task<Outcome> MoveComplaintAsync(InvestigationStep step, int? complaintId, int? targetId, CancellationToken cancellationToken) =>
        ChangeAsync(
            step,
            AuditAction.ComplaintMoved,
            async (i, now, _) =>
            {
                var target = await TargetAsync(step, targetId, cancellationToken);
                var complaint = i.Complaints.FirstOrDefault(c => c.Id == complaintId)
                    ?? throw new DomainException(DomainError.ComplaintNotInInvestigation, "Choose a complaint of this investigation.");
                i.MoveComplaint(complaint, target, step.Manager, now);
                return i.Id;
            },
            cancellationToken);

    /// <summary>Moves every complaint to another running investigation; the outcome names that one.</summary>
    public Task<Outcome> MergeAsync(InvestigationStep step, int? targetId, CancellationToken cancellationToken) =>
        ChangeAsync(
            step,
            AuditAction.InvestigationMerged,
            async (i, now, _) =>
            {
                var target = await TargetAsync(step, targetId, cancellationToken);
                i.MergeInto(target, step.Manager, now);
                return target.Id;
            },
            cancellationToken);

    /// <summary>Splits the chosen complaints off into a new investigation; the outcome names the new one.</summary>
    public async Task<Outcome> SplitAsync(InvestigationStep step, IReadOnlyCollection<int> complaintIds, CancellationToken cancellationToken)
    {
        RootCauseInvestigation? split = null;
        var outcome = await ChangeAsync(
            step,
            AuditAction.InvestigationSplit,
            (i, now, _) => Done(i, () =>
            {
                split = i.Split([.. i.Complaints.Where(c => complaintIds.Contains(c.Id))], step.Manager, now);
                db.Investigations.Add(split);
            }),
            cancellationToken);
        return outcome.IsDone && split is not null ? outcome with { Id = split.Id } : outcome;
    }

    private static Task<int> Done(RootCauseInvestigation investigation, Action step)
    {
        step();
        return Task.FromResult(investigation.Id);
    }

    private async Task<RootCauseInvestigation> TargetAsync(InvestigationStep step, int? targetId, CancellationToken cancellationToken)
    {
        var target = targetId is { } id && id != step.InvestigationId
            ? await db.Investigations.Include(i => i.Complaints).FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            : null;
        return target is { IsActive: true } ? target : throw new DomainException(DomainError.TargetNotActive, "Choose another running investigation.");
    }

    /// <summary>
    /// Loads the investigation with its complaints, applies one domain step, audits it and saves, in one write with a
    /// version check. <paramref name="change"/> returns the investigation to show next.
    /// </summary>
    private async Task<Outcome> ChangeAsync(InvestigationStep step, AuditAction action, Func<RootCauseInvestigation, DateTime, StepEffects, Task<int>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await gate.StepAsync(
                db,
                async effects =>
                {
                    var investigation = await db.Investigations.Include(i => i.Complaints).ThenInclude(c => c.Customer).AsSplitQuery()
                        .FirstOrDefaultAsync(i => i.Id == step.InvestigationId, cancellationToken);
                    if (investigation is null)
                    {
                        return Outcome.NotFound with { Id = step.InvestigationId };
                    }

                    db.Entry(investigation).Property(i => i.Version).OriginalValue = step.Version;
                    var next = await change(investigation, time.GetUtcNow().UtcDateTime, effects);
                    audit.Record(action, nameof(RootCauseInvestigation), step.InvestigationId.ToString(System.Globalization.CultureInfo.InvariantCulture), investigation.Title);
                    if (action switch { AuditAction.InvestigationFixed => Webhooks.WebhookEvents.InvestigationFixed, AuditAction.InvestigationVerified => Webhooks.WebhookEvents.InvestigationVerified, AuditAction.InvestigationClosed => Webhooks.WebhookEvents.InvestigationClosed, _ => null } is { } type)
                    {
                        await webhooks.RaiseAsync(type, Webhooks.Webhooks.InvestigationFacts(investigation), cancellationToken);
                    }

                    return Outcome.Done(next);
                },
                cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict with { Id = step.InvestigationId };
        }
        catch (DomainException refusal)
        {
            logger.LogInformation("Investigation {InvestigationId}: {Action} refused ({Error})", step.InvestigationId, action, refusal.Error);
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal) with { Id = step.InvestigationId };
        }
    }
}
