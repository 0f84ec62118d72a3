using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Settings;

/// <summary>
/// An administrator's change to the organisation's settings: one write with an audit entry that lists what changed
/// (before → after), then every options cache of this instance is refreshed so the change applies at once (other
/// instances within <see cref="SettingsStore.RefreshInterval"/>).
/// </summary>
public sealed class SettingsChanges(
    AppDbContext db,
    WriteGate gate,
    AuditLog audit,
    SettingsStore store,
    IOptionsMonitor<OrganisationOptions> organisation,
    IOptionsMonitor<PolicyOptions> policy,
    IOptionsMonitor<InvestigationOptions> investigations)
{
    public Task<Outcome> SaveAsync(Action<OrganisationSettings> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apply);
        return gate.StepAsync(
            db,
            async effects =>
            {
                var row = await db.OrganisationSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
                var before = row is null ? OrganisationSettings.From(organisation.CurrentValue, policy.CurrentValue, investigations.CurrentValue) : Copy(row);
                if (row is null)
                {
                    row = new OrganisationSettings();
                    db.OrganisationSettings.Add(row);
                }

                apply(row);
                row.Version++;
                audit.Record(AuditAction.SettingsChanged, "Settings", "organisation", Differences(before, row));
                effects.Notice(store.RefreshAsync);
                return Outcome.Done();
            },
            cancellationToken);
    }

    private static OrganisationSettings Copy(OrganisationSettings s) => new()
    {
        Name = s.Name,
        Phone = s.Phone,
        Email = s.Email,
        OpeningHours = s.OpeningHours,
        OnlineResponseWorkingDays = s.OnlineResponseWorkingDays,
        Regime = s.Regime,
        RegimesJson = s.RegimesJson,
        CoSignAboveCents = s.CoSignAboveCents,
        ServiceLevelWorkingDays = s.ServiceLevelWorkingDays,
        GroupingWindowDays = s.GroupingWindowDays,
        OwnersJson = s.OwnersJson,
    };

    private static string Differences(OrganisationSettings a, OrganisationSettings b)
    {
        var changes = new List<string>();
        void Compare(string name, object? x, object? y)
        {
            if (!Equals(x, y))
            {
                changes.Add($"{name}: {x} → {y}");
            }
        }

        Compare(nameof(a.Name), a.Name, b.Name);
        Compare(nameof(a.Phone), a.Phone, b.Phone);
        Compare(nameof(a.Email), a.Email, b.Email);
        Compare(nameof(a.OpeningHours), a.OpeningHours, b.OpeningHours);
        Compare(nameof(a.OnlineResponseWorkingDays), a.OnlineResponseWorkingDays, b.OnlineResponseWorkingDays);
        Compare(nameof(a.Regime), a.Regime, b.Regime);
        Compare("Regimes", a.RegimesJson, b.RegimesJson);
        Compare(nameof(a.CoSignAboveCents), a.CoSignAboveCents, b.CoSignAboveCents);
        Compare(nameof(a.ServiceLevelWorkingDays), a.ServiceLevelWorkingDays, b.ServiceLevelWorkingDays);
        Compare(nameof(a.GroupingWindowDays), a.GroupingWindowDays, b.GroupingWindowDays);
        Compare("Owners", a.OwnersJson, b.OwnersJson);
        return changes.Count == 0 ? "-" : string.Join("; ", changes);
    }
}
