using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace KlantCentraal.Web.Conversations;

/// <summary>Which of a message's attachment limits a file breaks (<see cref="AttachmentRules.Exceeded"/>).</summary>
public enum AttachmentLimit
{
    Files,
    FileBytes,
    MessageBytes,
}

/// <summary>Limits for attachments, the same on every channel. Configuration: <c>Attachments:*</c>.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    public int MaxFiles { get; set; } = 5;

    /// <summary>Images are stored at most this many pixels wide or high.</summary>
    public int MaxImageSide { get; set; } = 2000;

    /// <summary>
    /// An image whose header promises more pixels than this is refused before it is decoded (decompression bomb).
    /// 25 million: a phone's photo (12 or 24 megapixels) passes, a 7000 × 7000 flood of 143 KB does not.
    /// </summary>
    public long MaxImagePixels { get; set; } = 25_000_000;

    /// <summary>Pixels decoded per client (address, or e-mail sender) per hour: ten full phone photos and more.</summary>
    public long PixelsPerClientPerHour { get; set; } = 300_000_000;

    /// <summary>Images decoded at the same time in this process; the rest wait their turn.</summary>
    public int ConcurrentDecodes { get; set; } = 2;

    public int ThumbnailSide { get; set; } = 240;
}

/// <summary>A file as it arrived: a name the sender chose, and bytes that may be anything.</summary>
public sealed record IncomingFile(string? FileName, byte[] Content);

/// <summary>A file that passed: its type decided by its content, images re-encoded without metadata.</summary>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Content, byte[]? Thumbnail);

/// <summary>
/// Decides what a file is by its content, never by its name: JPEG, PNG and WebP are decoded and re-encoded with
/// ImageSharp (metadata such as GPS and PNG text chunks dropped, at most <see cref="AttachmentOptions.MaxImageSide"/>
/// pixels, a thumbnail made), so nothing hidden in an image survives; a PDF must start with its signature, end like
/// one and carry no HTML, script, launch action or embedded file. Anything else — an executable renamed to .jpg, a
/// corrupt or empty file, a polyglot — is refused with a message that says what is allowed, and nothing is stored.
/// Decoding costs CPU and memory whoever sends the file (issue 26, finding 5): the header's pixel count is checked
/// before decoding, at most <see cref="AttachmentOptions.ConcurrentDecodes"/> images are decoded at once, and each
/// client has a budget of decoded pixels per hour.
/// </summary>
public sealed class AttachmentRules(IOptions<AttachmentOptions> options, IStringLocalizer<SharedResource> t, IHttpContextAccessor http, Security.FixedWindows windows) : IDisposable
{
    private readonly SemaphoreSlim _decoding = new(Math.Max(1, options.Value.ConcurrentDecodes));
    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<string> _pixels =
        windows.Limiter("pixels", (int)Math.Min(int.MaxValue, options.Value.PixelsPerClientPerHour / Megapixel), TimeSpan.FromHours(1));

    private const long Megapixel = 1_000_000;

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    public AttachmentOptions Limits => options.Value;

    /// <summary>
    /// The one rule for how much a message may carry, on every channel: file number <paramref name="number"/> (from 1)
    /// of <paramref name="bytes"/>, after <paramref name="before"/> bytes of files already taken. Uploads refuse the
    /// whole message on the first problem; the mailbox refuses only the file that does not fit and names it.
    /// </summary>
    public AttachmentLimit? Exceeded(int number, long bytes, long before)
    {
        var limits = options.Value;
        return number > limits.MaxFiles ? AttachmentLimit.Files
            : bytes > limits.MaxFileBytes ? AttachmentLimit.FileBytes
            : before + bytes > limits.MaxMessageBytes ? AttachmentLimit.MessageBytes
            : null;
    }

    private string Words(AttachmentLimit limit, string name) => limit switch
    {
        AttachmentLimit.Files => t["Stuur hoogstens {0} bestanden per bericht.", options.Value.MaxFiles],
        AttachmentLimit.FileBytes => t["Het bestand {0} is te groot: hoogstens {1} MB per bestand.", name, options.Value.MaxFileBytes / 1024 / 1024],
        _ => t["De bestanden zijn samen te groot: hoogstens {0} MB per bericht.", options.Value.MaxMessageBytes / 1024 / 1024],
    };

    /// <summary>The first limit a whole set of files breaks, in the user's language; null: they fit.</summary>
    private string? FirstProblem(IEnumerable<(string? Name, long Bytes)> files)
    {
        var all = files.ToList();
        if (Exceeded(all.Count, 0, 0) is AttachmentLimit.Files)
        {
            return Words(AttachmentLimit.Files, string.Empty); // the count first: "too many" says the most
        }

        var (number, total) = (0, 0L);
        foreach (var (name, bytes) in all)
        {
            if (Exceeded(++number, bytes, total) is { } limit)
            {
                return Words(limit, SafeName(name));
            }

            total += bytes;
        }

        return null;
    }

    /// <summary>
    /// Uploaded files (status page, desk, API) read and checked: too many or too large files are refused before
    /// they are read into memory. The files checked and converted, or the first problem in the user's language.
    /// </summary>
    public async Task<(IReadOnlyList<CheckedFile> Files, string? Error)> ReadAsync(IReadOnlyCollection<IFormFile> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        // Refused by their announced sizes, before anything is read into memory.
        if (FirstProblem(uploads.Select(u => ((string?)u.FileName, u.Length))) is { } problem)
        {
            return ([], problem);
        }

        var incoming = new List<IncomingFile>();
        foreach (var upload in uploads)
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            incoming.Add(new IncomingFile(upload.FileName, buffer.ToArray()));
        }

        return await CheckAsync(incoming, cancellationToken);
    }

    /// <summary>
    /// The files checked and converted, or the first problem in the user's language. <paramref name="client"/> is whose
    /// pixel budget pays for decoding: the e-mail's sender, else the request's client address; signed-in staff have none.
    /// </summary>
    public async Task<(IReadOnlyList<CheckedFile> Files, string? Error)> CheckAsync(IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var limits = options.Value;
        if (FirstProblem(files.Select(f => (f.FileName, (long)f.Content.Length))) is { } problem)
        {
            return ([], problem);
        }

        var checkedFiles = new List<CheckedFile>();
        foreach (var file in files)
        {
            var name = SafeName(file.FileName);
            if (file.Content.Length == 0)
            {
                return ([], t["Het bestand {0} is leeg. Kies het bestand opnieuw.", name]);
            }

            var (result, overBudget) = await CheckOneAsync(name, file.Content, limits, client ?? RequestClient(), cancellationToken);
            if (overBudget)
            {
                return ([], t["U heeft het afgelopen uur al veel foto's gestuurd. Probeer het over een uur opnieuw, of stuur kleinere foto's."]);
            }

            if (result is null)
            {
                return ([], t["Het bestand {0} kunnen we niet aannemen. Stuur een foto (JPEG, PNG of WebP) of een PDF zonder scripts of ingesloten bestanden.", name]);
            }

            checkedFiles.Add(result);
        }

        return (checkedFiles, null);
    }

    public void Dispose()
    {
        _decoding.Dispose();
        _pixels.Dispose();
    }

    /// <summary>Whose budget an upload uses: null (none) for signed-in staff, else the client's address (an IPv6 /64).</summary>
    private string? RequestClient() => http.HttpContext is not { } context ? "unknown"
        : context.User.IsInRole(Identity.Roles.ServiceDesk) || context.User.IsInRole(Identity.Roles.Manager) ? null
        : "ip:" + Security.RateLimits.Client(context);

    /// <summary>Whether a file starting with these bytes can be one we take (JPEG, PNG, WebP or PDF): lets a caller skip reading the rest of anything else.</summary>
    public static bool MayBeAccepted(ReadOnlySpan<byte> head) =>
        head.StartsWith(Pdf) || head.StartsWith(Jpeg) || head.StartsWith(Png) || (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    private async Task<(CheckedFile? File, bool OverBudget)> CheckOneAsync(string name, byte[] content, AttachmentOptions limits, string? client, CancellationToken cancellationToken)
    {
        if (content.AsSpan().StartsWith(Pdf))
        {
            return (PdfRules.IsPlain(content) ? new CheckedFile(WithExtension(name, ".pdf"), "application/pdf", content, null) : null, false);
        }

        var isImage = content.AsSpan().StartsWith(Jpeg) || content.AsSpan().StartsWith(Png)
            || (content.Length > 12 && content.AsSpan(0, 4).SequenceEqual("RIFF"u8) && content.AsSpan(8, 4).SequenceEqual("WEBP"u8));
        if (!isImage)
        {
            return (null, false);
        }

        IImageInfo? info;
        try
        {
            info = Image.Identify(content);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException or ArgumentException)
        {
            return (null, false);
        }

        var pixels = info is null ? long.MaxValue : (long)info.Width * info.Height;
        if (pixels > limits.MaxImagePixels)
        {
            return (null, false);
        }

        if (client is not null)
        {
            var megapixels = (int)Math.Max(1, (pixels + Megapixel - 1) / Megapixel);
            using var lease = await _pixels.AcquireAsync(client, megapixels, cancellationToken);
            if (!lease.IsAcquired)
            {
                return (null, true);
            }
        }

        await _decoding.WaitAsync(cancellationToken);
        try
        {
            return (await ReencodeAsync(name, content, limits, content.AsSpan().StartsWith(Png), cancellationToken), false);
        }
        finally
        {
            _decoding.Release();
        }
    }

    private static async Task<CheckedFile?> ReencodeAsync(string name, byte[] content, AttachmentOptions limits, bool png, CancellationToken cancellationToken)
    {
        try
        {
            using var image = Image.Load(content);
            // PNG text chunks (tEXt, iTXt, zTXt) would be written again by the encoder: gone with the rest.
            image.Metadata.GetPngMetadata().TextData.Clear();
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            foreach (var frame in image.Frames)
            {
                frame.Metadata.ExifProfile = null;
                frame.Metadata.XmpProfile = null;
                frame.Metadata.IccProfile = null;
                frame.Metadata.IptcProfile = null;
            }

            if (image.Width > limits.MaxImageSide || image.Height > limits.MaxImageSide)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(limits.MaxImageSide, limits.MaxImageSide) }));
            }

            using var stored = new MemoryStream();
            if (png)
            {
                await image.SaveAsPngAsync(stored, new PngEncoder(), cancellationToken);
            }
            else
            {
                await image.SaveAsJpegAsync(stored, new JpegEncoder { Quality = 85 }, cancellationToken);
            }

            image.Mutate(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(limits.ThumbnailSide, limits.ThumbnailSide) }));
            using var thumbnail = new MemoryStream();
            await image.SaveAsJpegAsync(thumbnail, new JpegEncoder { Quality = 75 }, cancellationToken);
            return new CheckedFile(WithExtension(name, png ? ".png" : ".jpg"), png ? "image/png" : "image/jpeg", stored.ToArray(), thumbnail.ToArray());
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or ImageFormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The name without folders, control characters or quotes, at most 100 characters; never empty.</summary>
    public static string SafeName(string? name)
    {
        var file = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new string(file.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        clean = clean.Length > 100 ? clean[^100..] : clean;
        return clean.Length == 0 ? "bestand" : clean;
    }

    private static string WithExtension(string name, string extension) => Path.GetFileNameWithoutExtension(name) is { Length: > 0 } stem ? stem + extension : "bestand" + extension;
}
