using System.Globalization;
using System.Text.Json;
using CsvHelper;
using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Complaints;

/// <summary>One ticket of another helpdesk as it will be imported, with what is wrong with it.</summary>
public sealed record ImportedTicket(int Line, string ExternalId, string Name, string? Email, string? Phone, string Subject, string Description, Channel Channel, DateTime ReceivedAt, DateTime? ClosedAt, IReadOnlyList<string> Errors);

/// <summary>What a file would import; nothing is stored from a report with any error.</summary>
public sealed record ImportReport(string Source, IReadOnlyList<ImportedTicket> Tickets, IReadOnlyList<string> FileErrors)
{
    public int ErrorRows => Tickets.Count(t => t.Errors.Count > 0);

    public bool CanImport => FileErrors.Count == 0 && Tickets.Count > 0 && ErrorRows == 0;
}

/// <summary>
/// History from the helpdesk used before (issue 29): osTicket's ticket CSV export, any CSV with recognisable columns,
/// or Zendesk's JSON (tickets with their users). Read whole and checked first; imported only when every ticket is
/// right, in pieces by the import worker (<see cref="Imports.ImportJobs"/>). A customer is matched by e-mail address (else phone number) with a customer we know — not
/// an erased one — or created; a ticket is kept with its source and number, so importing it again updates it.
/// Imported complaints are closed history: the desk says "welkom terug" with them from the first day.
/// </summary>
public sealed class HelpdeskImport(AppDbContext db, TrackingCodeSource codes, TimeProvider time, IStringLocalizer<SharedResource> t)
{
    public const int MaxBytes = 50 * 1024 * 1024;
    public const int MaxTickets = 200_000;

    private enum Field { Id, Name, Email, Phone, Subject, Description, Created, Closed, Status, Source }

    // Column names compared without case, spaces or punctuation; osTicket's export names first.
    private static readonly Dictionary<string, Field> Names = new (Field Field, string Names)[]
    {
        (Field.Id, "ticketnumber ticket number nummer ticketnummer id externalid externid"),
        (Field.Name, "from name naam klant customer requester fromname"),
        (Field.Email, "fromemail email emailadres mail requesteremail"),
        (Field.Phone, "phone telefoon telefoonnummer phonenumber"),
        (Field.Subject, "subject onderwerp product"),
        (Field.Description, "description omschrijving message bericht body"),
        (Field.Created, "datecreated created createdat datum ontvangen received"),
        (Field.Closed, "dateclosed closed closedat gesloten"),
        (Field.Status, "currentstatus status"),
        (Field.Source, "source bron kanaal channel via"),
    }.SelectMany(c => c.Names.Split(' ').Select(name => (name, c.Field))).ToDictionary(x => x.name, x => x.Field, StringComparer.Ordinal);

    public const string ExampleHeader = "ticketnummer;naam;email;telefoon;onderwerp;omschrijving;datum;gesloten;kanaal";

    /// <summary>Reads a file: JSON (Zendesk) when it starts with '{', else CSV (osTicket or any helpdesk).</summary>
    public ImportReport Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return text.StartsWith('{') ? ReadZendesk(text) : ReadCsv(text);
    }

    private ImportReport ReadCsv(string text)
    {
        var firstLine = text.Split('\n', 2)[0];
        if (string.IsNullOrWhiteSpace(firstLine))
        {
            return new("CSV", [], [t["Het bestand is leeg. De eerste regel noemt de kolommen, bijvoorbeeld: {0}", ExampleHeader]]);
        }

        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with
        {
            Separator = separator,
            TrimWhitespace = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            AllowLineBreaksInQuotes = true,
            TrackLineNumbers = true,
        });
        var columns = new Dictionary<Field, int>();
        var headers = reader.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            if (Names.TryGetValue(new string(headers[i].ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray()), out var field))
            {
                columns.TryAdd(field, i);
            }
        }

        var missing = new[] { (Field.Id, "ticketnummer"), (Field.Name, "naam"), (Field.Subject, "onderwerp"), (Field.Created, "datum") }.Where(r => !columns.ContainsKey(r.Item1)).Select(r => r.Item2).ToList();
        if (!columns.ContainsKey(Field.Email) && !columns.ContainsKey(Field.Phone))
        {
            missing.Add("email");
        }

        if (missing.Count > 0)
        {
            return new("CSV", [], [t["De kolom(men) {0} ontbreken. De eerste regel noemt de kolommen, bijvoorbeeld: {1}", string.Join(", ", missing), ExampleHeader]]);
        }

        // osTicket's export has its own header ("Ticket Number", "From Email", "Date Created", "Current Status").
        var source = headers.Any(h => h.Trim().Equals("Ticket Number", StringComparison.OrdinalIgnoreCase)) ? "osTicket" : "CSV";
        var tickets = new List<ImportedTicket>();
        while (reader.Read())
        {
            if (tickets.Count == MaxTickets)
            {
                return new(source, tickets, [t["Het bestand heeft meer dan {0} tickets. Splits het in delen.", MaxTickets]]);
            }

            string? Get(Field field) => columns.TryGetValue(field, out var i) && i < reader.FieldCount && reader.GetString(i) is { Length: > 0 } v ? v.Trim() : null;
            var closedAt = Get(Field.Closed);
            tickets.Add(Check((int)reader.LineNumber, Get(Field.Id), Get(Field.Name), Get(Field.Email), Get(Field.Phone), Get(Field.Subject), Get(Field.Description), Get(Field.Source), Get(Field.Created),
                closedAt ?? (Get(Field.Status) is { } status && status.Contains("closed", StringComparison.OrdinalIgnoreCase) ? Get(Field.Created) : null)));
        }

        return new(source, Once(tickets), tickets.Count == 0 ? [t["Het bestand heeft geen tickets onder de kopregel."]] : []);
    }

    private ImportReport ReadZendesk(string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new("Zendesk", [], [t["Dit is geen JSON dat we kunnen lezen. Exporteer de tickets uit Zendesk met hun gebruikers (tickets.json met \"tickets\" en \"users\")."]]);
        }

        if (!root.TryGetProperty("tickets", out var ticketList) || ticketList.ValueKind != JsonValueKind.Array)
        {
            return new("Zendesk", [], [t["Het bestand heeft geen lijst \"tickets\". Exporteer de tickets uit Zendesk met hun gebruikers (tickets.json met \"tickets\" en \"users\")."]]);
        }

        var users = root.TryGetProperty("users", out var userList) && userList.ValueKind == JsonValueKind.Array
            ? userList.EnumerateArray().Where(u => u.TryGetProperty("id", out _)).ToDictionary(u => u.GetProperty("id").ToString(), u => u)
            : [];
        string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;
        var tickets = new List<ImportedTicket>();
        var number = 0;
        foreach (var ticket in ticketList.EnumerateArray().Take(MaxTickets))
        {
            number++;
            var requester = Text(ticket, "requester_id") is { } id && users.TryGetValue(id, out var user) ? user : default;
            var channel = ticket.TryGetProperty("via", out var via) ? Text(via, "channel") : null;
            var status = Text(ticket, "status");
            tickets.Add(Check(number, Text(ticket, "id"), Text(requester, "name"), Text(requester, "email"), Text(requester, "phone"), Text(ticket, "subject"), Text(ticket, "description"), channel, Text(ticket, "created_at"),
                status is "closed" or "solved" ? Text(ticket, "updated_at") ?? Text(ticket, "created_at") : null));
        }

        return new("Zendesk", Once(tickets), tickets.Count == 0 ? [t["Het bestand heeft geen tickets."]] : []);
    }

    /// <summary>A ticket number twice in one file is a mistake in the file: each later one says so.</summary>
    private List<ImportedTicket> Once(List<ImportedTicket> tickets)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. tickets.Select(x => x.ExternalId.Length > 0 && !seen.TryAdd(x.ExternalId, x.Line)
            ? x with { Errors = [.. x.Errors, t["Ticket {0} staat al op regel {1}.", x.ExternalId, seen[x.ExternalId]]] }
            : x)];
    }

    private ImportedTicket Check(int line, string? id, string? name, string? email, string? phone, string? subject, string? description, string? source, string? created, string? closed)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > Complaint.ExternalIdMaxLength)
        {
            errors.Add(t["Het ticketnummer ontbreekt of is langer dan {0} tekens.", Complaint.ExternalIdMaxLength]);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            errors.Add(t["De naam van de klant ontbreekt (of is langer dan 100 tekens)."]);
        }

        var (mail, tel) = (Customer.NormalizeEmail(email), Customer.NormalizePhone(phone));
        if (mail is null && tel is null)
        {
            errors.Add(t["Er is geen e-mailadres of telefoonnummer: daarmee herkent de balie de klant."]);
        }
        else if (mail is not null && !Mail.MailAddresses.IsDeliverable(mail))
        {
            errors.Add(t["\"{0}\" is geen geldig e-mailadres.", email ?? string.Empty]);
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            errors.Add(t["Het onderwerp ontbreekt."]);
        }

        var receivedAt = When(created);
        if (receivedAt is null)
        {
            errors.Add(t["\"{0}\" is geen datum die we kunnen lezen; gebruik bijvoorbeeld 2026-03-14 of 14-03-2026 10:30.", created ?? string.Empty]);
        }

        var text = (subject ?? string.Empty).Trim();
        var product = text.Length > Complaint.ProductNameMaxLength ? text[..Complaint.ProductNameMaxLength] : text;
        var body = string.IsNullOrWhiteSpace(description) ? text : description.Trim();
        return new ImportedTicket(line, id?.Trim() ?? string.Empty, name?.Trim() ?? string.Empty, mail, tel, product, body.Length > Complaint.DescriptionMaxLength ? body[..Complaint.DescriptionMaxLength] : body,
            ChannelOf(source), receivedAt ?? default, When(closed), errors);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss", "dd-MM-yyyy", "dd-MM-yyyy HH:mm", "d-M-yyyy", "d-M-yyyy H:mm", "M/d/yy h:mm tt", "M/d/yyyy h:mm tt", "M/d/yy", "M/d/yyyy"];

    private static DateTime? When(string? value) =>
        DateTime.TryParseExact(value?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
        || DateTime.TryParse(value?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : null;

    private static Channel ChannelOf(string? source) => source?.Trim().ToLowerInvariant() switch
    {
        "email" or "e-mail" or "mail" => Channel.Email,
        "phone" or "telefoon" or "voice" => Channel.Phone,
        "web" or "api" or "web_form" or "web_widget" or "portal" => Channel.Web,
        _ => Channel.Counter,
    };

    /// <summary>New tracking codes no complaint has, drawn together and checked in batches (an import may need a hundred thousand).</summary>
    private async Task<List<TrackingCode>> UnusedCodesAsync(int count, CancellationToken cancellationToken)
    {
        var drawn = new HashSet<TrackingCode>();
        for (var round = 0; drawn.Count < count; round++)
        {
            if (round == 10)
            {
                throw new InvalidOperationException("Ten rounds of tracking codes were taken; the code source is broken.");
            }

            var candidates = Enumerable.Range(0, count - drawn.Count).Select(_ => codes.Next()).Where(c => !drawn.Contains(c)).Distinct().ToList();
            var taken = new HashSet<TrackingCode>();
            foreach (var chunk in candidates.Chunk(500))
            {
                taken.UnionWith(await db.Complaints.Where(c => chunk.Contains(c.TrackingCode)).Select(c => c.TrackingCode).ToListAsync(cancellationToken));
            }

            drawn.UnionWith(candidates.Where(c => !taken.Contains(c)));
        }

        return [.. drawn];
    }

    /// <summary>
    /// One piece of a checked import (<see cref="Imports.ImportJobs"/>), inside the caller's write. A ticket imported
    /// before (by its source and number) is updated; a customer is matched by e-mail address, else phone number, with a
    /// customer we know — not an erased one — or created. <paramref name="seen"/> holds the customers this import met in
    /// its earlier pieces, so each known customer is counted once (this piece adds those it meets); the customers it
    /// creates are returned, for the caller to add once their ids exist.
    /// </summary>
    public async Task<(Imports.ImportCounts Counts, IReadOnlyList<Customer> Created)> ImportPieceAsync(
        string source, IReadOnlyList<ImportedTicket> tickets, ISet<int> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(seen);
        var now = time.GetUtcNow().UtcDateTime;
        var earlier = new Dictionary<string, Complaint>(StringComparer.Ordinal);
        foreach (var chunk in tickets.Select(x => x.ExternalId).Chunk(500))
        {
            foreach (var complaint in await db.Complaints.Where(c => c.ExternalSource == source && chunk.Contains(c.ExternalId!)).ToListAsync(cancellationToken))
            {
                earlier[complaint.ExternalId!] = complaint;
            }
        }

        var emails = tickets.Select(x => x.Email).OfType<string>().Distinct().ToList();
        var phones = tickets.Where(x => x.Email is null).Select(x => x.Phone).OfType<string>().Distinct().ToList();
        var byEmail = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var byPhone = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var chunk in emails.Chunk(500))
        {
            foreach (var customer in await db.Customers.Where(c => c.AnonymisedAt == null && chunk.Contains(c.Email!)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            {
                byEmail.TryAdd(customer.Email!, customer);
            }
        }

        foreach (var chunk in phones.Chunk(500))
        {
            foreach (var customer in await db.Customers.Where(c => c.AnonymisedAt == null && chunk.Contains(c.Phone!)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            {
                byPhone.TryAdd(customer.Phone!, customer);
            }
        }

        var fresh = new Queue<TrackingCode>(await UnusedCodesAsync(tickets.Count(x => !earlier.ContainsKey(x.ExternalId)), cancellationToken));
        int known = 0, added = 0, updated = 0, unchanged = 0;
        var created = new List<Customer>();
        // Only additions and the re-imported complaints' own changes: no scan of every tracked entity per Add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var ticket in tickets)
            {
                if (earlier.TryGetValue(ticket.ExternalId, out var complaint))
                {
                    if (complaint.Reimport(ticket.Subject, ticket.Description))
                    {
                        db.Entry(complaint).State = EntityState.Modified; // changes are not detected during the import
                        updated++;
                    }
                    else
                    {
                        unchanged++;
                    }

                    continue;
                }

                Customer? customer = ticket.Email is { } e ? byEmail.GetValueOrDefault(e) : ticket.Phone is { } p ? byPhone.GetValueOrDefault(p) : null;
                if (customer is null)
                {
                    customer = Customer.Create(ticket.Name, ticket.Email, ticket.Phone, null, ticket.ReceivedAt);
                    db.Customers.Add(customer);
                    created.Add(customer);
                    if (ticket.Email is { } mail)
                    {
                        byEmail[mail] = customer;
                    }
                    else if (ticket.Phone is { } phone)
                    {
                        byPhone[phone] = customer;
                    }
                }
                else if (customer.Id != 0 && seen.Add(customer.Id))
                {
                    known++;
                }

                var details = new ComplaintDetails(ticket.Channel, ComplaintCategory.Other, ticket.Subject, null, null, null, ReceiptStatus.Unknown, ticket.Description, ResolutionType.Apology);
                var imported = Complaint.Imported(customer, details, fresh.Dequeue(), ticket.ReceivedAt, ticket.ClosedAt, source, ticket.ExternalId, now);
                db.Complaints.Add(imported);
                earlier[ticket.ExternalId] = imported;
                added++;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        return (new(added, updated, unchanged, created.Count, known), created);
    }
}
