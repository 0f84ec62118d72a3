namespace KlantCentraal.Web.Imports;

/// <summary>
/// The checked file of an <see cref="ImportJob"/>, in a table of its own so that saving a piece's progress never reads
/// or writes the file (up to 50 MB). Removed when the job ends: a helpdesk's export holds customers' details.
/// </summary>
public sealed class ImportFile
{
    private ImportFile()
    {
    }

    public ImportFile(Guid jobId, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        JobId = jobId;
        Text = text;
    }

    public Guid JobId { get; private set; }

    public string Text { get; private set; } = string.Empty;
}
