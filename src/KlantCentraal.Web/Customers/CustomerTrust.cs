using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Customers;

/// <summary>
/// A manager's trust flag on a customer (issue 3): set or lifted with a reason, in one write with its audit entry. A
/// flag is never a refusal: it only asks a manager to co-sign the next resolution (<see cref="CoSignPolicy"/>).
/// </summary>
public sealed class CustomerTrust(AppDbContext db, WriteGate gate, AuditLog audit, TimeProvider time)
{
    public Task<Outcome> FlagAsync(int customerId, string? reason, StaffMember manager, CancellationToken cancellationToken) =>
        ChangeAsync(customerId, AuditAction.TrustFlagSet, reason, (c, now) => c.FlagTrust(reason!, manager, now), cancellationToken);

    public Task<Outcome> LiftAsync(int customerId, string? reason, StaffMember manager, CancellationToken cancellationToken) =>
        ChangeAsync(customerId, AuditAction.TrustFlagLifted, reason, (c, now) => c.LiftTrustFlag(reason!, manager, now), cancellationToken);

    private async Task<Outcome> ChangeAsync(int customerId, AuditAction action, string? reason, Action<Customer, DateTime> change, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.StepAsync(
                db,
                async _ =>
                {
                    var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
                    if (customer is null)
                    {
                        return Outcome.NotFound with { Id = customerId };
                    }

                    change(customer, time.GetUtcNow().UtcDateTime);
                    audit.Record(action, nameof(Customer), customer.CustomerNumber, reason?.Trim());
                    return Outcome.Done(customerId);
                },
                cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(refusal) with { Id = customerId };
        }
    }
}
