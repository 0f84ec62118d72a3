using KlantCentraal.Domain;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// A photo or PDF that came with a message. Stored in the database in a table of its own (so every instance
/// serves it, and erasure and backups treat it like the rest), read only when someone opens it: lists select the
/// file name, type and size, never the bytes (ADR 0014). Images are stored as re-encoded, without metadata.
/// </summary>
public sealed class MessageAttachment
{
    public const int FileNameMaxLength = 200;

    private MessageAttachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Content = [];
    }

    public int Id { get; private set; }

    public int MessageId { get; private set; }

    public ComplaintMessage? Message { get; private set; }

    /// <summary>The complaint the message belongs to: who may open the file, and what erasure removes.</summary>
    public int ComplaintId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Length { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>A small JPEG for the timeline; null for a PDF.</summary>
    public byte[]? Thumbnail { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    public static MessageAttachment For(ComplaintMessage message, int complaintId, CheckedFile file, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        return new MessageAttachment
        {
            Message = message,
            ComplaintId = complaintId,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Length = file.Content.LongLength,
            Content = file.Content,
            Thumbnail = file.Thumbnail,
            CreatedAt = at,
        };
    }
}

/// <summary>What a list shows of an attachment: never its bytes.</summary>
public sealed record AttachmentInfo(int Id, int MessageId, string FileName, string ContentType, long Length, bool HasThumbnail);
