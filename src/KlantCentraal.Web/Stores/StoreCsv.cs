using CsvHelper;
using KlantCentraal.Domain;
using KlantCentraal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Stores;

/// <summary>One data row of a store import: its line in the file, the store it describes, and what is wrong with it.</summary>
public sealed record StoreCsvRow(int Line, StoreDetails Details, IReadOnlyList<string> Errors);

/// <summary>What a CSV file would import. Nothing is saved from a report with any error.</summary>
public sealed record StoreCsvReport(IReadOnlyList<StoreCsvRow> Rows, IReadOnlyList<string> FileErrors)
{
    public int ErrorRows => Rows.Count(r => r.Errors.Count > 0);

    public bool CanImport => FileErrors.Count == 0 && Rows.Count > 0 && ErrorRows == 0;
}

/// <summary>
/// Reads a store list as spreadsheets export it (CsvHelper): semicolon or comma (detected from the header line),
/// with or without a byte order mark, Dutch or English column names in any order. Every row is checked by the
/// store's own rules (<see cref="Store.ProblemsWith"/>), plus what only a file can get wrong: a row with another
/// separator or a different number of columns, a code twice in the file.
/// </summary>
public sealed class StoreCsv(Formats formats, IStringLocalizer<SharedResource> t)
{
    public const int MaxRows = 20_000;

    /// <summary>Upload limit: 10,000 stores with every column filled take about 2 MB.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    private enum Column { Code, Name, City, Address, Phone, Email, CoSignLimit, Budget, Mon, Tue, Wed, Thu, Fri, Sat, Sun }

    /// <summary>The names a column may have in the header, Dutch and English, compared without case, spaces or dashes.</summary>
    private static readonly Dictionary<string, Column> Names = new (Column Column, string Names)[]
    {
        (Column.Code, "code winkelcode storecode"),
        (Column.Name, "naam name"),
        (Column.City, "plaats stad city"),
        (Column.Address, "adres address"),
        (Column.Phone, "telefoon telefoonnummer phone"),
        (Column.Email, "email emailadres"),
        (Column.CoSignLimit, "meetekenlimiet cosignlimit"),
        (Column.Budget, "maandbudget budget monthlybudget"),
        (Column.Mon, "ma maandag mon monday"),
        (Column.Tue, "di dinsdag tue tuesday"),
        (Column.Wed, "wo woensdag wed wednesday"),
        (Column.Thu, "do donderdag thu thursday"),
        (Column.Fri, "vr vrijdag fri friday"),
        (Column.Sat, "za zaterdag sat saturday"),
        (Column.Sun, "zo zondag sun sunday"),
    }.SelectMany(c => c.Names.Split(' ').Select(name => (name, c.Column))).ToDictionary(x => x.name, x => x.Column, StringComparer.Ordinal);

    /// <summary>The header of a file that imports cleanly; the user guide and the page show it.</summary>
    public const string ExampleHeader = "code;naam;plaats;adres;telefoon;email;meetekenlimiet;maandbudget;ma;di;wo;do;vr;za;zo";

    public StoreCsvReport Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        var firstLine = text.Split('\n', 2)[0];
        if (string.IsNullOrWhiteSpace(firstLine))
        {
            return new StoreCsvReport([], [t["Het bestand is leeg. De eerste regel noemt de kolommen: {0}", ExampleHeader]]);
        }

        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with
        {
            Separator = separator,
            TrimWhitespace = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            AllowLineBreaksInQuotes = false,
            TrackLineNumbers = true,
        });

        var fileErrors = new List<string>();
        var columns = new Dictionary<Column, int>();
        var headers = reader.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var key = new string(headers[i].Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            if (!Names.TryGetValue(key, out var column))
            {
                fileErrors.Add(t["De kolom \"{0}\" kennen we niet. Gebruik deze kolommen: {1}", headers[i], ExampleHeader]);
            }
            else if (!columns.TryAdd(column, i))
            {
                fileErrors.Add(t["De kolom \"{0}\" staat twee keer in de kopregel.", headers[i]]);
            }
        }

        foreach (var (required, name) in new[] { (Column.Code, "code"), (Column.Name, "naam"), (Column.City, "plaats") })
        {
            if (!columns.ContainsKey(required))
            {
                fileErrors.Add(t["De kolom \"{0}\" ontbreekt. De eerste regel noemt de kolommen, bijvoorbeeld: {1}", name, ExampleHeader]);
            }
        }

        if (fileErrors.Count > 0)
        {
            return new StoreCsvReport([], fileErrors);
        }

        var rows = new List<StoreCsvRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (rows.Count == MaxRows)
            {
                fileErrors.Add(t["Het bestand heeft meer dan {0} winkels. Splits het in delen.", MaxRows]);
                break;
            }

            var line = (int)reader.LineNumber;
            var errors = new List<string>();
            if (reader.FieldCount != headers.Count)
            {
                // Its fields cannot be trusted (another separator, a missing column): say only that.
                errors.Add(t["Deze regel heeft {0} kolommen, de kopregel {1}. Gebruikt deze regel een ander scheidingsteken (de kopregel gebruikt \"{2}\")?", reader.FieldCount, headers.Count, separator]);
                rows.Add(new StoreCsvRow(line, new StoreDetails(string.Empty, string.Empty, string.Empty, null, null, null, OpeningHours.Closed), errors));
                continue;
            }

            string? Field(Column column) =>
                columns.TryGetValue(column, out var index) && index < reader.FieldCount && reader.GetString(index) is { Length: > 0 } value ? value.Trim() : null;

            Money? Amount(Column column, string label)
            {
                var value = Field(column);
                if (value is null)
                {
                    return null;
                }

                if (Money.TryParse(value, out var money))
                {
                    return money;
                }

                errors.Add(t["{0} \"{1}\" is geen bedrag. Schrijf bijvoorbeeld 2500 of 2.500,00.", label, value]);
                return null;
            }

            var days = new DayHours?[7];
            for (var d = 0; d < 7; d++)
            {
                var hours = Field(Column.Mon + d);
                if (!OpeningHours.TryParseDay(hours, out days[d]))
                {
                    errors.Add(t["{0}: \"{1}\" is geen openingstijd. Schrijf bijvoorbeeld 09:00-18:00, of laat het leeg als de winkel dan dicht is.", Formats.DayName(OpeningHours.Week[d]), hours ?? string.Empty]);
                }
            }

            var details = new StoreDetails(
                Store.NormaliseCode(Field(Column.Code)),
                Field(Column.Name) ?? string.Empty,
                Field(Column.City) ?? string.Empty,
                Field(Column.Address),
                Field(Column.Phone),
                Field(Column.Email),
                OpeningHours.From(days),
                Amount(Column.CoSignLimit, t["Meeteken-limiet"]),
                Amount(Column.Budget, t["Maandbudget"]));
            errors.AddRange(Store.ProblemsWith(details).Select(formats.Label));
            if (details.Code.Length > 0 && !seen.TryAdd(details.Code, line))
            {
                errors.Add(t["Winkelcode {0} staat ook op regel {1}. Elke code komt één keer voor.", details.Code, seen[details.Code]]);
            }

            rows.Add(new StoreCsvRow(line, details, errors));
        }

        if (rows.Count == 0 && fileErrors.Count == 0)
        {
            fileErrors.Add(t["Het bestand heeft alleen een kopregel en geen winkels."]);
        }

        return new StoreCsvReport(rows, fileErrors);
    }
}
