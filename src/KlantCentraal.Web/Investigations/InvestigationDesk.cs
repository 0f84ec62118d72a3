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

public enum StepResult
{
    Done,
    NotFound,

    /// <summary>Someone else changed it since the page was shown; nothing was overwritten.</summary>
    Conflict,

    /// <summary>A rule said no: <see cref="StepOutcome.Refusal"/> says which.</summary>
    Refused,
}

/// <summary>What became of a step: done (and which investigation, or for a trust flag which customer, to show next), or why not.</summary>
public sealed record StepOutcome(StepResult Result, int Id, DomainException? Refusal = null)
{
    /// <summary>Customers owed a letter by this step (marking fixed tells every customer what was improved).</summary>
    public int Letters { get; init; }

    /// <summary>False when the owed letters could not be sent now; the outbox worker sends them later.</summary>
    public bool LettersSent { get; init; } = true;

    public static StepOutcome Refused(int id, DomainError error, string rule) => new(StepResult.Refused, id, new DomainException(error, rule));
}

/// <summary>
/// The manager's side, as <see cref="Complaints.ComplaintDesk"/> is the desk's: every step on an investigation
/// (start, assign, analysis, fixed with the customers' letters, verify, close, move, merge, split) and the customers'
/// trust flags, each in one write with its audit entry, guarded by the version the manager saw. Steps answer with a
/// <see cref="StepOutcome"/>; the rules themselves live in the domain and come back as <see cref="DomainError"/> codes.
/// </summary>
public sealed class InvestigationDesk(
    AppDbContext db,
    WriteGate gate,
    MailOutbox outbox,
    AuditLog audit,
    UserManager<StaffUser> users,
    TimeProvider time,
    Webhooks.Webhooks webhooks,
    Organisation.Deadlines deadlines,
    ILogger<InvestigationDesk> logger)
{
    public Task<StepOutcome> StartAsync(InvestigationStep step, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationStarted, (i, _) => Done(i, () => i.Start(step.Manager)), cancellationToken);

    public async Task<StepOutcome> AssignAsync(InvestigationStep step, string? managerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var user = string.IsNullOrEmpty(managerId) ? null : await users.FindByIdAsync(managerId);
        if (user is null)
        {
            return StepOutcome.Refused(step.InvestigationId, DomainError.OwnerMustBeManager, "Choose a manager.");
        }

        var manager = new StaffMember(user.Id, user.FirstName, isManager: user.IsActive && await users.IsInRoleAsync(user, Roles.Manager));
        return await ChangeAsync(step, AuditAction.InvestigationAssigned, (i, _) => Done(i, () => i.Assign(manager)), cancellationToken);
    }

    public Task<StepOutcome> RecordAnalysisAsync(InvestigationStep step, InvestigationAnalysis analysis, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationAnalysed, (i, _) => Done(i, () => i.RecordAnalysis(analysis, step.Manager)), cancellationToken);

    /// <summary>
    /// Marks the cause fixed, closes every linked complaint with the improvement text and owes each customer with an
    /// e-mail address one letter, in the same transaction; the letters are sent once it is committed.
    /// </summary>
    public async Task<StepOutcome> MarkFixedAsync(InvestigationStep step, string? improvementText, DateOnly effectivenessCheckDate, LetterContext letter, CancellationToken cancellationToken)
    {
        var told = 0;
        var outcome = await ChangeAsync(
            step,
            AuditAction.InvestigationFixed,
            (i, now) => Done(i, () =>
            {
                i.MarkFixed(improvementText ?? string.Empty, effectivenessCheckDate, step.Manager, now, deadlines.DayOf(now));
                var customers = i.Complaints.Where(c => c.Customer?.Email is not null).DistinctBy(c => c.Customer!.Email).ToList();
                customers.ForEach(c => outbox.Owe(MailKind.Improvement, c, letter, now));
                told = customers.Count;
            }),
            cancellationToken);
        if (outcome.Result != StepResult.Done || told == 0)
        {
            return outcome;
        }

        return outcome with { Letters = told, LettersSent = await outbox.SendOwedHereAsync(cancellationToken) != false };
    }

    public Task<StepOutcome> VerifyAsync(InvestigationStep step, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationVerified, (i, now) => Done(i, () => i.Verify(step.Manager, now)), cancellationToken);

    public Task<StepOutcome> CloseWithoutCauseAsync(InvestigationStep step, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(step, AuditAction.InvestigationClosed, (i, now) => Done(i, () => i.CloseWithoutCause(reason ?? string.Empty, step.Manager, now)), cancellationToken);

    /// <summary>Moves one of the investigation's complaints to another running investigation.</summary>
    public Task<StepOutcome> MoveComplaintAsync(InvestigationStep step, int? complaintId, int? targetId, CancellationToken cancellationToken) =>
        ChangeAsync(
            step,
            AuditAction.ComplaintMoved,
            async (i, now) =>
            {
                var target = await TargetAsync(step, targetId, cancellationToken);
                var complaint = i.Complaints.FirstOrDefault(c => c.Id == complaintId)
                    ?? throw new DomainException(DomainError.ComplaintNotInInvestigation, "Choose a complaint of this investigation.");
                i.MoveComplaint(complaint, target, step.Manager, now);
                return i.Id;
            },
            cancellationToken);

    /// <summary>Moves every complaint to another running investigation; the outcome names that one.</summary>
    public Task<StepOutcome> MergeAsync(InvestigationStep step, int? targetId, CancellationToken cancellationToken) =>
        ChangeAsync(
            step,
            AuditAction.InvestigationMerged,
            async (i, now) =>
            {
                var target = await TargetAsync(step, targetId, cancellationToken);
                i.MergeInto(target, step.Manager, now);
                return target.Id;
            },
            cancellationToken);

    /// <summary>Splits the chosen complaints off into a new investigation; the outcome names the new one.</summary>
    public async Task<StepOutcome> SplitAsync(InvestigationStep step, IReadOnlyCollection<int> complaintIds, CancellationToken cancellationToken)
    {
        RootCauseInvestigation? split = null;
        var outcome = await ChangeAsync(
            step,
            AuditAction.InvestigationSplit,
            (i, now) => Done(i, () =>
            {
                split = i.Split([.. i.Complaints.Where(c => complaintIds.Contains(c.Id))], step.Manager, now);
                db.Investigations.Add(split);
            }),
            cancellationToken);
        return outcome.Result == StepResult.Done && split is not null ? outcome with { Id = split.Id } : outcome;
    }

    public Task<StepOutcome> FlagTrustAsync(int customerId, string? reason, StaffMember manager, CancellationToken cancellationToken) =>
        ChangeCustomerAsync(customerId, AuditAction.TrustFlagSet, reason, (c, now) => c.FlagTrust(reason!, manager, now), cancellationToken);

    public Task<StepOutcome> LiftTrustFlagAsync(int customerId, string? reason, StaffMember manager, CancellationToken cancellationToken) =>
        ChangeCustomerAsync(customerId, AuditAction.TrustFlagLifted, reason, (c, now) => c.LiftTrustFlag(reason!, manager, now), cancellationToken);

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
    private async Task<StepOutcome> ChangeAsync(InvestigationStep step, AuditAction action, Func<RootCauseInvestigation, DateTime, Task<int>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            return await gate.WriteAsync(
                db,
                async () =>
                {
                    var investigation = await db.Investigations.Include(i => i.Complaints).ThenInclude(c => c.Customer).AsSplitQuery()
                        .FirstOrDefaultAsync(i => i.Id == step.InvestigationId, cancellationToken);
                    if (investigation is null)
                    {
                        return new StepOutcome(StepResult.NotFound, step.InvestigationId);
                    }

                    db.Entry(investigation).Property(i => i.Version).OriginalValue = step.Version;
                    var next = await change(investigation, time.GetUtcNow().UtcDateTime);
                    audit.Record(action, nameof(RootCauseInvestigation), step.InvestigationId.ToString(System.Globalization.CultureInfo.InvariantCulture), investigation.Title);
                    if (action switch { AuditAction.InvestigationFixed => Webhooks.WebhookEvents.InvestigationFixed, AuditAction.InvestigationVerified => Webhooks.WebhookEvents.InvestigationVerified, AuditAction.InvestigationClosed => Webhooks.WebhookEvents.InvestigationClosed, _ => null } is { } type)
                    {
                        await webhooks.RaiseAsync(type, Webhooks.Webhooks.InvestigationFacts(investigation), cancellationToken);
                    }

                    return new StepOutcome(StepResult.Done, next);
                },
                cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new StepOutcome(StepResult.Conflict, step.InvestigationId);
        }
        catch (DomainException refusal)
        {
            logger.LogInformation("Investigation {InvestigationId}: {Action} refused ({Error})", step.InvestigationId, action, refusal.Error);
            db.ChangeTracker.Clear();
            return new StepOutcome(StepResult.Refused, step.InvestigationId, refusal);
        }
    }

    private async Task<StepOutcome> ChangeCustomerAsync(int customerId, AuditAction action, string? reason, Action<Customer, DateTime> change, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.WriteAsync(
                db,
                async () =>
                {
                    var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
                    if (customer is null)
                    {
                        return new StepOutcome(StepResult.NotFound, customerId);
                    }

                    change(customer, time.GetUtcNow().UtcDateTime);
                    audit.Record(action, nameof(Customer), customer.CustomerNumber, reason?.Trim());
                    return new StepOutcome(StepResult.Done, customerId);
                },
                cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return new StepOutcome(StepResult.Refused, customerId, refusal);
        }
    }
}
