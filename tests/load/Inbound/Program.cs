// Inbound e-mail and conversation benchmark (docs/performance.md). Usage:
//   dotnet run -c Release --project tests/load/Inbound -- [e-mails=1000] [large=10]
//   dotnet run -c Release --project tests/load/Inbound -- --idle [e-mails=100]   (delivery -> in the desk's inbox)
// Appends the e-mails (and the large ones, ~25 MB each) to a real Dovecot, then times the app's own import rounds
// end to end (fetch, parse, store, move) while sampling the process's working set; then times the customer's status
// page with a 50-message conversation against one without.
using System.Diagnostics;
using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Tests.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;

internal static class InboundBenchmark
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == "--idle")
        {
            await DeliveryToInboxAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100);
            return;
        }

        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var large = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var folder = Path.Combine(Path.GetTempPath(), "klantcentraal-inbound-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var imap = new DovecotServer();
        await imap.InitializeAsync();
        try
        {
            using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseEnvironment("Development")
            .UseContentRoot(Path.Combine(RepositoryRoot(), "src", "KlantCentraal.Web"))
                .UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder, "bench.db")}")
                .UseSetting("Seed:DemoComplaints", "false")
                .UseSetting("RootCauseQueue:WorkerEnabled", "false")
                .UseSetting("MailOutbox:WorkerEnabled", "false")
                .UseSetting("Privacy:JobEnabled", "false")
                .UseSetting("Serilog:MinimumLevel:Default", "Warning")
                .UseSetting("Mail:PickupDirectory", Path.Combine(folder, "mail"))
                .UseSetting("InboundMail:Host", "127.0.0.1")
                .UseSetting("InboundMail:Port", imap.Port.ToString(CultureInfo.InvariantCulture))
                .UseSetting("InboundMail:UseSsl", "false")
                .UseSetting("InboundMail:User", DovecotServer.User)
                .UseSetting("InboundMail:Password", DovecotServer.Password)
                .UseSetting("InboundMail:WorkerEnabled", "false"));
            _ = app.Services; // start

            var separate = args.Contains("--separate");
            var queue = separate ? "Wachtrij" : "INBOX";
            if (separate)
            {
                await imap.CreateFolderAsync(queue);
            }

            Console.WriteLine($"Appending {count} e-mails and {large} large ones to Dovecot ({queue})...");
            var random = new Random(42);
            for (var i = 0; i < count; i++)
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress($"Klant {i}", $"klant{i}@example.nl"));
                message.To.Add(new MailboxAddress("Klachten", DovecotServer.User));
                message.Subject = $"Product {i % 37} is stuk";
                message.MessageId = $"bench-{i}@example.nl";
                message.Body = new TextPart("plain") { Text = $"Beste klantenservice,\n\nMijn product {i % 37} doet het niet meer sinds dag {i}.\n\nGroet" };
                await imap.AppendAsync(message, queue);
            }

            for (var i = 0; i < large; i++)
            {
                var builder = new BodyBuilder { TextBody = "Grote bijlagen." };
                for (var part = 0; part < 2; part++)
                {
                    var bytes = new byte[9 * 1024 * 1024];
                    random.NextBytes(bytes);
                    builder.Attachments.Add($"groot{part}.bin", bytes);
                }

                var message = new MimeMessage { Subject = $"Groot bericht {i}", MessageId = $"bench-large-{i}@example.nl", Body = builder.ToMessageBody() };
                message.From.Add(new MailboxAddress($"Groot {i}", $"groot{i}@example.nl"));
                message.To.Add(new MailboxAddress("Klachten", DovecotServer.User));
                await imap.AppendAsync(message, queue);
            }

            if (separate)
            {
                await SeparateProcessAsync(imap, queue, count + large, folder);
                return;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using (var before = Process.GetCurrentProcess())
            {
                Console.WriteLine($"Working set before the import (app started, e-mails appended): {before.WorkingSet64 / 1024 / 1024} MB");
            }

            var peak = 0L;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    using var self = Process.GetCurrentProcess();
                    peak = Math.Max(peak, self.WorkingSet64);
                    await Task.Delay(20);
                }
            });
            var clock = Stopwatch.StartNew();
            var handled = 0;
            while (handled < count + large)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<InboundMailbox>().ProcessAsync(CancellationToken.None);
                if (round == 0)
                {
                    break;
                }

                handled += round;
            }

            clock.Stop();
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine($"Imported {handled} e-mails in {clock.Elapsed.TotalSeconds:F1} s = {handled / clock.Elapsed.TotalSeconds:F0} e-mails/s; peak working set {peak / 1024 / 1024} MB; left in INBOX: {await imap.CountAsync("INBOX")}");

            // The status page with and without a 50-message conversation.
            string quiet, talkative;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var desk = scope.ServiceProvider.GetRequiredService<ComplaintDesk>();
                var staff = new StaffMember("bench", "Sanne");
                RecordAndResolve Command() => new(Guid.NewGuid(), new CustomerContact("Bench Klant", $"bench.{Guid.NewGuid():N}@example.nl", null, "1012AB"), new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, "Waterkoker", null, null, null, ReceiptStatus.No, "Lekt", ResolutionType.Refund), new GrantedResolution(ResolutionType.Refund, new Money(1000), RefundMethod.Cash, null), staff);
                quiet = (await desk.RecordAndResolveAsync(Command(), CancellationToken.None)).TrackingCode;
                talkative = (await desk.RecordAndResolveAsync(Command(), CancellationToken.None)).TrackingCode;
            }

            for (var i = 0; i < 50; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var conversation = scope.ServiceProvider.GetRequiredService<ConversationDesk>();
                if (i % 2 == 0)
                {
                    await conversation.ReceiveAsync(talkative, $"Bericht {i} van de klant met wat meer tekst over wat er mis is en wat zij graag wil.", [], MessageChannel.StatusPage, null, null, CancellationToken.None);
                }
                else
                {
                    await conversation.ReplyAsync(talkative, $"Antwoord {i} van de balie: dank u, we kijken ernaar.", [], new StaffMember("bench", "Sanne"), "nl-NL", CancellationToken.None);
                }
            }

            var tokens = app.Services.GetRequiredService<TrackingTokens>();
            var client = app.CreateClient();
            async Task<double> MedianAsync(string code)
            {
                var url = $"/Track/Status?t={Uri.EscapeDataString(tokens.Protect(code))}";
                for (var i = 0; i < 100; i++)
                {
                    (await client.GetAsync(url)).EnsureSuccessStatusCode();
                }

                var times = new List<double>();
                for (var i = 0; i < 300; i++)
                {
                    var watch = Stopwatch.StartNew();
                    (await client.GetAsync(url)).EnsureSuccessStatusCode();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                return times[times.Count / 2];
            }

            var without = await MedianAsync(quiet);
            var with50 = await MedianAsync(talkative);
            Console.WriteLine($"Status page median: {without:F2} ms without messages, {with50:F2} ms with 50 messages ({with50 / without:F2}x)");
        }
        finally
        {
            await imap.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The published app as its own process (Release build of src/KlantCentraal.Web), its worker reading the queue
    /// folder: the time from start until every e-mail is moved, and the peak resident set of that process alone.
    /// </summary>
    private static async Task SeparateProcessAsync(DovecotServer imap, string queue, int total, string folder)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "KlantCentraal.Web", "bin", "Release", "net10.0", "KlantCentraal.Web.dll");
        var start = new ProcessStartInfo("dotnet", dll) { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Organisation__PublicBaseUrl"] = "https://klachten.example.nl",
            ["Mail__Delivery"] = "Pickup",
            ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "separate.db")}",
            ["Mail__PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["InboundMail__Host"] = "127.0.0.1",
            ["InboundMail__Port"] = imap.Port.ToString(CultureInfo.InvariantCulture),
            ["InboundMail__UseSsl"] = "false",
            ["InboundMail__User"] = DovecotServer.User,
            ["InboundMail__Password"] = DovecotServer.Password,
            ["InboundMail__Folder"] = queue,
            ["InboundMail__PollInterval"] = "00:00:01",
        })
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var app = Process.Start(start)!;
        var peakKb = 0L;
        try
        {
            while (await imap.CountAsync("Verwerkt") < total && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                var status = await File.ReadAllLinesAsync($"/proc/{app.Id}/status");
                var rss = status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                peakKb = Math.Max(peakKb, long.Parse(rss, CultureInfo.InvariantCulture));
                await Task.Delay(20);
            }

            clock.Stop();
            var hwm = (await File.ReadAllLinesAsync($"/proc/{app.Id}/status")).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            Console.WriteLine($"Separate process: {total} e-mails imported in {clock.Elapsed.TotalSeconds:F1} s from process start = {total / clock.Elapsed.TotalSeconds:F0} e-mails/s; peak RSS sampled {peakKb / 1024} MB; kernel's {hwm.Replace("  ", " ", StringComparison.Ordinal)}");
        }
        finally
        {
            app.Kill();
            await app.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The app's own worker watching the mailbox (IMAP IDLE; poll interval ten minutes, so only IDLE can bring an
    /// e-mail in): the time from the end of the delivery (APPEND) until the complaint is stored, which is when the
    /// desk's open inbox gets its live notice. E-mails one by one, a second apart, like customers writing.
    /// </summary>
    private static async Task DeliveryToInboxAsync(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "klantcentraal-idle-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var imap = new DovecotServer();
        await imap.InitializeAsync();
        try
        {
            using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseEnvironment("Development")
                .UseContentRoot(Path.Combine(RepositoryRoot(), "src", "KlantCentraal.Web"))
                .UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(folder, "bench.db")}")
                .UseSetting("Seed:DemoComplaints", "false")
                .UseSetting("RootCauseQueue:WorkerEnabled", "false")
                .UseSetting("MailOutbox:WorkerEnabled", "false")
                .UseSetting("Privacy:JobEnabled", "false")
                .UseSetting("Serilog:MinimumLevel:Default", "Warning")
                .UseSetting("Mail:PickupDirectory", Path.Combine(folder, "mail"))
                .UseSetting("InboundMail:Host", "127.0.0.1")
                .UseSetting("InboundMail:Port", imap.Port.ToString(CultureInfo.InvariantCulture))
                .UseSetting("InboundMail:UseSsl", "false")
                .UseSetting("InboundMail:User", DovecotServer.User)
                .UseSetting("InboundMail:Password", DovecotServer.Password)
                .UseSetting("InboundMail:PollInterval", "00:10:00"));
            _ = app.Services; // start: the worker connects and waits in IDLE
            var status = app.Services.GetRequiredService<InboundMailStatus>();
            while (!status.Idle)
            {
                await Task.Delay(50);
            }

            var times = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var message = new MimeMessage { Subject = $"Waterkoker {i}", MessageId = $"idle-{i}-{Guid.NewGuid():N}@example.nl" };
                message.From.Add(new MailboxAddress($"Klant {i}", $"idle{i}@example.nl"));
                message.To.Add(new MailboxAddress("Klachten", DovecotServer.User));
                message.Body = new TextPart("plain") { Text = "Hij lekt." };
                await imap.AppendAsync(message);
                var watch = Stopwatch.StartNew();
                while (true)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<KlantCentraal.Web.Data.AppDbContext>();
                    if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.InboundEmails, e => e.Key == message.MessageId))
                    {
                        break;
                    }

                    if (watch.Elapsed > TimeSpan.FromMinutes(2))
                    {
                        throw new InvalidOperationException($"E-mail {i} did not arrive within two minutes.");
                    }

                    await Task.Delay(2);
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                await Task.Delay(1000);
            }

            times.Sort();
            Console.WriteLine($"Delivery -> stored (inbox notified), {count} e-mails over IMAP IDLE: median {times[count / 2]:F0} ms, p95 {times[(int)(count * 0.95)]:F0} ms, max {times[^1]:F0} ms");
        }
        finally
        {
            await imap.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KlantCentraal.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("KlantCentraal.sln not found above the benchmark.");
    }
}
