using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Issue 26, findings 5, 6 and 11: what an uploaded file may cost and carry, tried through the API's messages endpoint.</summary>
public sealed class UploadsCannotHurt : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    public static TheoryData<string, string> ActivePdfs => new()
    {
        { "javascript on open", "1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj" },
        { "launch", "1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj" },
        { "embedded file", "1 0 obj << /Type /Filespec /F (a.exe) /EF << /F 2 0 R >> >> endobj 2 0 obj << /Type /EmbeddedFile >> endobj" },
        { "escaped name", "1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj" },
    };

    [Theory]
    [MemberData(nameof(ActivePdfs))]
    public async Task A_pdf_that_acts_on_its_own_is_refused_and_nothing_is_stored(string why, string body)
    {
        var (api, code) = await ApiAndComplaintAsync(_root);

        var response = await PostAsync(api, code, ("bon.pdf", Pdf(body)));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Contains("zonder scripts of ingesloten bestanden", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _root.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task Javascript_hidden_in_a_compressed_object_stream_is_found_and_a_plain_compressed_pdf_passes()
    {
        var (api, code) = await ApiAndComplaintAsync(_root);

        var hidden = await PostAsync(api, code, ("bon.pdf", PdfWithStream("<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>")));
        var plain = await PostAsync(api, code, ("bon.pdf", PdfWithStream("BT /F1 12 Tf 72 712 Td (Kassabon 24,95) Tj ET")));

        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
    }

    [Fact]
    public async Task Text_chunks_in_a_png_do_not_survive_the_re_encoding()
    {
        var (api, code) = await ApiAndComplaintAsync(_root);
        using var image = new Image<Rgba32>(40, 30, new Rgba32(10, 120, 200));
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", "geheim-adres-Kerkstraat-1", string.Empty, string.Empty));
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Description", "geheim-zTXt-" + new string('x', 2000), string.Empty, string.Empty));
        using var stream = new MemoryStream();
        await image.SaveAsPngAsync(stream, new PngEncoder { TextCompressionThreshold = 1000 });
        Assert.Contains("geheim-adres", Encoding.Latin1.GetString(stream.ToArray()));

        var response = await PostAsync(api, code, ("foto.png", stream.ToArray()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await _root.WithDbAsync(db => db.Attachments.Select(a => a.Content).SingleAsync());
        var text = Encoding.Latin1.GetString(stored);
        Assert.DoesNotContain("geheim", text);
        Assert.DoesNotContain("tEXt", text);
        Assert.DoesNotContain("zTXt", text);
        Assert.DoesNotContain("iTXt", text);
    }

    [Fact]
    public async Task An_image_of_more_pixels_than_a_phone_photo_is_refused_from_its_header_alone()
    {
        var (api, code) = await ApiAndComplaintAsync(_root);

        var response = await PostAsync(api, code, ("vloed.png", PngHeader(7000, 7000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kunnen we niet aannemen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_that_sends_many_pixels_in_an_hour_is_asked_to_wait_and_nothing_is_stored()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Attachments:PixelsPerClientPerHour", "3000000"));
        var (api, code) = await ApiAndComplaintAsync(app);
        var photo = Jpeg(1500, 1000); // 1.5 megapixels: two of the three an hour

        var first = await PostAsync(api, code, ("een.jpg", photo));
        var second = await PostAsync(api, code, ("twee.jpg", photo));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Probeer het over een uur opnieuw", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await _root.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    private static async Task<(HttpClient Api, string Code)> ApiAndComplaintAsync(WebApplicationFactory<Program> app)
    {
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TestApiKeys.CreateAsync(app.Services)).Plain);
        return (api, code);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string code, (string Name, byte[] Content) file)
    {
        using var form = new MultipartFormDataContent { { new StringContent("Zie bijlage"), "text" } };
        var part = new ByteArrayContent(file.Content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", file.Name);
        return await api.PostAsync($"/api/v1/complaints/{code}/messages", form);
    }

    private static byte[] Pdf(string objects) =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n{objects}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A PDF whose only object is a Flate-compressed stream with <paramref name="content"/>.</summary>
    private static byte[] PdfWithStream(string content)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.ASCII.GetBytes(content));
        }

        var data = compressed.ToArray();
        using var pdf = new MemoryStream();
        pdf.Write(Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj << /Type /ObjStm /Filter /FlateDecode /Length {data.Length} >>\nstream\n"));
        pdf.Write(data);
        pdf.Write(Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 40, 40));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    /// <summary>A PNG whose header promises <paramref name="width"/> × <paramref name="height"/> pixels, with one tiny IDAT: a flood's first bytes.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(new byte[width + 1]);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
