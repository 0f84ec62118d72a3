using System.Text.RegularExpressions;

namespace KlantCentraal.Web.Tests.Architecture;

/// <summary>
/// Issue 31, item 1: every write reaches the database through <c>WriteGate.WriteAsync</c> (gate, transaction, one save,
/// commit, then what follows the commit). A transaction, a save or a gate entry written by hand anywhere else fails
/// here, unless it is one of the few places below, each with the reason it stays.
/// </summary>
public partial class OneWritePath
{
    /// <summary>File (under src/KlantCentraal.Web) → how many hand-written writes it may hold, and why.</summary>
    private static readonly Dictionary<string, (int Count, string Why)> Allowed = new(StringComparer.Ordinal)
    {
        ["Conversations/ConversationDesk.cs"] = (1, "inside StepAsync: a letter about a message, and the step's outcome, name it by the id the database gives it"),
        ["Stores/StoreDirectory.cs"] = (1, "inside StepAsync: a new store's outcome names it by the id the database gives it"),
        ["Webhooks/WebhookEndpoints.cs"] = (1, "inside StepAsync: a new endpoint's outcome names it by the id the database gives it"),
        ["Investigations/RootCauseQueueProcessor.cs"] = (3, "the queue's claim and release (leases, ExecuteUpdate), and a new investigation saved for its id inside WriteAsync"),
        ["Mail/MailOutbox.cs"] = (3, "the outbox's claim, sent mark and release (leases, ExecuteUpdate)"),
        ["Webhooks/Webhooks.cs"] = (4, "the webhook sender's claim, redelivery, finish and pause (leases, ExecuteUpdate)"),
        ["Reporting/ScheduledReports.cs"] = (2, "the report dispatch's claim and finish (leases, ExecuteUpdate)"),
        ["Reporting/DailyFigures.cs"] = (1, "a recount of the dashboard's daily figures opens its own transaction"),
        ["Reporting/DailyFiguresInterceptor.cs"] = (1, "the dashboard's daily figures join the transaction of the save they count"),
        ["Imports/ImportJobs.cs"] = (1, "the import worker's claim of a job (lease, ExecuteUpdate)"),
        ["Identity/SingleSignOn.cs"] = (1, "ASP.NET Identity's UserManager saves the account itself; the sign-in's audit entry follows it"),
    };

    /// <summary>
    /// File → how many bulk statements (<c>ExecuteUpdate/Delete/Sql…Async</c>, which bypass the tracked save) it may
    /// hold, and why. Issue 41/7: the erasure deleted attachments with them outside any transaction.
    /// </summary>
    private static readonly Dictionary<string, (int Count, string Why)> BulkAllowed = new(StringComparer.Ordinal)
    {
        ["Api/ApiKey.cs"] = (1, "inside WriteAsync: the key's last-used time, without loading the key"),
        ["Complaints/CoSigning.cs"] = (6, "inside WriteAsync: a co-sign try is taken by one conditional update before the PIN or password is checked (issue 41/4)"),
        ["Program.cs"] = (1, "the health check's SELECT 1"),
        ["Investigations/RootCauseQueueProcessor.cs"] = (3, "the queue's claim and release (leases)"),
        ["Imports/ImportJobs.cs"] = (3, "the import worker's claim (lease, in the gate) and the uploaded file deleted in the write that ends the job"),
        ["Webhooks/Webhooks.cs"] = (4, "the webhook sender's claim, redelivery, finish and pause (leases)"),
        ["Privacy/Retention.cs"] = (4, "inside the erasure's one write: attachments, e-mails and audit reasons; and SQLite's WAL checkpoint after it"),
        ["Reporting/ScheduledReports.cs"] = (2, "the report dispatch's claim and finish (leases)"),
        ["Reporting/DailyFigures.cs"] = (4, "the roll-up's upserts and recount, inside the transaction of the save they count"),
        ["Mail/MailOutbox.cs"] = (4, "the outbox's wake-up, claim, sent mark and release (leases)"),
    };

    [GeneratedRegex(@"Execute(Update|Delete|SqlRaw|SqlInterpolated|Sql)Async\(")]
    private static partial Regex BulkStatement();

    [Fact]
    public void Every_bulk_statement_outside_the_data_folder_is_one_of_the_named_few() =>
        AssertOnlyAllowed(BulkStatement(), BulkAllowed, "ExecuteUpdate/Delete/Sql statement(s); change tracked entities inside WriteGate.WriteAsync instead, or name the reason here");

    [GeneratedRegex(@"catch \((Exception ex\) when \(ex is )?(DomainException|CoSignatureRequiredException|EmailChangeNotConfirmedException|PhoneOfAnotherCustomerException|DbUpdateConcurrencyException)")]
    private static partial Regex CaughtRule();

    /// <summary>Issue 31, item 2: a page maps the outcome its service answers with; a rule's exception never steers a page.</summary>
    [Fact]
    public void Pages_steer_by_their_service_s_outcome_not_by_a_rule_s_exception()
    {
        var pages = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web", "Pages");

        var steered = Directory.EnumerateFiles(pages, "*.cshtml.cs", SearchOption.AllDirectories)
            .Where(f => CaughtRule().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(steered);
    }

    /// <summary>Issue 31, items 1 and 3: a page asks a service to write; none holds the write gate itself.</summary>
    [Fact]
    public void No_page_writes_itself_every_change_is_a_service_s_step()
    {
        var pages = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web", "Pages");

        var writing = Directory.EnumerateFiles(pages, "*.cshtml.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("WriteGate", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(writing);
    }

    [GeneratedRegex(@"BeginTransactionAsync\(|SaveChangesAsync\(|\.EnterAsync\(db")]
    private static partial Regex HandWrittenWrite();

    [Fact]
    public void Every_write_outside_the_data_folder_goes_through_the_write_gate() =>
        AssertOnlyAllowed(HandWrittenWrite(), Allowed, "hand-written transaction(s), save(s) or gate entr(y/ies); write through WriteGate.WriteAsync instead");

    /// <summary>
    /// Counts <paramref name="pattern"/> in every file of src/KlantCentraal.Web outside Data/ and fails on a file that
    /// is not in <paramref name="allowed"/> or holds more than its count; and on an allowance larger than what is
    /// found, so a place that no longer needs its exception loses it and the list only shrinks.
    /// </summary>
    private static void AssertOnlyAllowed(Regex pattern, Dictionary<string, (int Count, string Why)> allowed, string what)
    {
        var web = Path.Combine(Repository.Root(), "src", "KlantCentraal.Web");
        var found = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Data/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Select(f => (File: f, Count: pattern.Count(File.ReadAllText(Path.Combine(web, f)))))
            .Where(f => f.Count > 0)
            .ToDictionary(f => f.File, f => f.Count, StringComparer.Ordinal);

        var unexpected = found.Where(f => !allowed.TryGetValue(f.Key, out var allowance) || f.Value > allowance.Count)
            .Select(f => $"{f.Key}: {f.Value} {what}")
            .ToList();
        var stale = allowed.Where(a => !found.TryGetValue(a.Key, out var count) || count < a.Value.Count)
            .Select(a => $"{a.Key}: allowed {a.Value.Count}, found {found.GetValueOrDefault(a.Key)}; lower the allowance")
            .ToList();

        Assert.Empty(unexpected);
        Assert.Empty(stale);
    }
}
