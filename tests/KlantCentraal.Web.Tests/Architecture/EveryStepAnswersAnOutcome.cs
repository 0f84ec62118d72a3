using System.Reflection;

namespace KlantCentraal.Web.Tests.Architecture;

/// <summary>
/// Issue 42: every public write of an application service answers one <see cref="Outcome"/>, which its page or the API
/// maps once. Reads are named below; the writes that still answer something else are named with why, and the list may
/// only shrink.
/// </summary>
public class EveryStepAnswersAnOutcome
{
    private static readonly Type[] Services =
    [
        typeof(Web.Complaints.ComplaintDesk), typeof(Web.Investigations.InvestigationSteps), typeof(Web.Conversations.ConversationDesk),
        typeof(Web.Customers.CustomerTrust), typeof(Web.Stores.StoreDirectory), typeof(Web.Webhooks.WebhookEndpoints), typeof(Web.Privacy.RetentionProcessor), typeof(Web.Payouts.RefundPayouts),
    ];

    /// <summary>Public methods that only read, or are a worker's round: they answer what they read.</summary>
    private static readonly HashSet<string> Reads =
    [
        "ComplaintDesk.RecentSameComplaintAsync", "ComplaintDesk.BudgetAsync", "ComplaintDesk.PossibleMatchesAsync",
        "ConversationDesk.ReadAsync", "StoreDirectory.OpenComplaintsAsync",
        "RetentionProcessor.RunAsync", "RetentionProcessor.EmailsToDeleteFromServerAsync",
    ];

    /// <summary>Writes that still answer something else: each with why; fix one and remove it here.</summary>
    private static readonly Dictionary<string, string> NotYet = new(StringComparer.Ordinal)
    {
        ["StoreDirectory.ImportPieceAsync"] = "a piece inside the import job's own write, answering its counts",
    };

    [Fact]
    public void Every_public_write_of_a_service_answers_an_outcome()
    {
        var methods = Services.SelectMany(s => s.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
                .Select(m => (Name: $"{s.Name}.{m.Name}", m.ReturnType)))
            .Where(m => !Reads.Contains(m.Name))
            .ToList();

        var other = methods.Where(m => m.ReturnType != typeof(Task<Outcome>)).Select(m => m.Name).Distinct().Order().ToList();

        Assert.Empty(other.Except(NotYet.Keys));
        Assert.Empty(NotYet.Keys.Except(other)); // a write that answers an Outcome now leaves this list
    }

    /// <summary>
    /// Issue 42: a service's step takes the gate's <c>StepAsync</c>, which runs the effects the step declared (letters,
    /// notices, metrics, log) once it committed, the same way for every step; none wires its own after-commit work
    /// around a plain write.
    /// </summary>
    [Fact]
    public void Every_step_of_a_service_runs_through_the_gate_s_StepAsync()
    {
        var web = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web");
        var plain = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(web, f), Text: File.ReadAllText(f)))
            .Where(f => Services.Any(s => f.Text.Contains($"class {s.Name}(", StringComparison.Ordinal) || f.Text.Contains($"partial class {s.Name}\n", StringComparison.Ordinal)))
            .Where(f => f.Text.Contains("gate.WriteAsync(", StringComparison.Ordinal) || f.Text.Contains("gate.SaveAsync(", StringComparison.Ordinal))
            .Select(f => f.File)
            .ToList();

        Assert.Empty(plain);
    }
}
