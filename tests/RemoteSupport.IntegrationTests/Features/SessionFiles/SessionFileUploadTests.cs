using System.Diagnostics;
using System.Net;
using System.Text;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using SkiaSharp;
using Xunit.Abstractions;

namespace RemoteSupport.IntegrationTests.Features.SessionFiles;

/// Uploads through the real endpoint, SQLite and the encrypted blob store: the type comes from the content, images are
/// re-encoded without their metadata, and a refused upload leaves nothing behind.
public sealed class SessionFileUploadTests(ITestOutputHelper output)
{
    private const string Accepted = "Accepted: JPEG, PNG or WebP images, PDF documents, MP4 or WebM videos.";

    [Fact]
    public async Task Upload_JpegWithExifGps_StoresReencodedImageWithoutMetadata()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var original = TestMedia.JpegWithExif(1920, 1080, orientation: 1, grain: true);
        Assert.Contains(TestMedia.ExifMarker, Encoding.ASCII.GetString(original), StringComparison.Ordinal);
        await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.JpegWithExif(64, 64, 1), "warm-up.jpg");

        var watch = Stopwatch.StartNew();
        var info = await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", original, "IMG_0042.JPG");
        output.WriteLine($"1920x1080 JPEG ({original.Length} bytes) uploaded, re-encoded and stored in {watch.ElapsedMilliseconds} ms; stored {info.Length} bytes.");

        Assert.Equal(SessionFileKind.Snapshot, info.Kind);
        Assert.Equal(callId, info.CallId);
        Assert.Equal("image/jpeg", info.ContentType);
        Assert.Equal("IMG_0042.JPG", info.DisplayName);
        Assert.Equal((1920, 1080), (info.Width, info.Height));
        Assert.Equal(scene.TechnicianId, info.CreatedById);
        Assert.Equal("Tess Technician", info.CreatedByName);

        var stored = await scene.Expert.Http.ContentAsync(info);
        Assert.Equal(info.Length, stored.Length);
        Assert.Equal(info.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
        var text = Encoding.ASCII.GetString(stored);
        Assert.DoesNotContain(TestMedia.ExifMarker, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        using var codec = SKCodec.Create(new MemoryStream(stored));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal((1920, 1080), (codec.Info.Width, codec.Info.Height));
        using var decoded = SKBitmap.Decode(stored);
        Assert.NotNull(decoded);
        var corner = decoded.GetPixel(10, 10);
        Assert.True(corner.Red > 200 && corner.Green < 60, $"The red corner is still top left: {corner}");
    }

    [Fact]
    public async Task Upload_JpegWithExifOrientation6_StoresPixelsTurnedUpright()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        var info = await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Photo", TestMedia.JpegWithExif(400, 200, orientation: 6), "side.jpg");

        // Orientation 6: the camera was turned 90° clockwise; the upright picture is 200 × 400 and the red top-left corner is now top right.
        Assert.Equal((200, 400), (info.Width, info.Height));
        using var decoded = SKBitmap.Decode(await scene.Expert.Http.ContentAsync(info));
        Assert.Equal((200, 400), (decoded.Width, decoded.Height));
        Assert.True(decoded.GetPixel(190, 10).Red > 200 && decoded.GetPixel(190, 10).Green < 60, $"top right: {decoded.GetPixel(190, 10)}");
        Assert.False(decoded.GetPixel(10, 10).Red > 200 && decoded.GetPixel(10, 10).Green < 60, $"top left: {decoded.GetPixel(10, 10)}");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "diagram.png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "frame.webp")]
    public async Task Upload_PngOrWebp_IsAcceptedWithThumbnail(SKEncodedImageFormat format, string contentType, string name)
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        var info = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Photo", TestMedia.Image(1000, 600, format), name);

        Assert.Equal(contentType, info.ContentType);
        Assert.Equal((1000, 600), (info.Width, info.Height));
        Assert.Equal(name, info.DisplayName);
        using var codec = SKCodec.Create(new MemoryStream(await scene.Glasses.Http.ContentAsync(info)));
        Assert.Equal(format, codec.EncodedFormat);

        using var thumbnail = await scene.Glasses.Http.GetAsync(info.ThumbnailUrl);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((320, 192), (small.Width, small.Height));
    }

    [Fact]
    public async Task Upload_PdfMp4Webm_AcceptedByContentWhateverTheNameOrDeclaredType()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var url = $"/api/calls/{callId}/files?kind=Document";

        var pdf = TestMedia.Pdf();
        using (var response = await scene.Expert.Http.UploadAsync(url, pdf, "manual.txt", "text/plain"))
        {
            var info = await response.ReadAsync<SessionFileInfo>(HttpStatusCode.Created);
            Assert.Equal("application/pdf", info.ContentType);
            Assert.Equal("manual.txt.pdf", info.DisplayName);
            Assert.Null(info.Width);
            Assert.Null(info.ThumbnailUrl);
            Assert.Equal(pdf, await scene.Glasses.Http.ContentAsync(info));
            using var thumbnail = await scene.Expert.Http.GetAsync($"/api/files/{info.Id}/thumbnail");
            Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
        }

        var mp4 = await scene.Expert.Http.UploadOkAsync(url, TestMedia.Mp4(), "pump.mp4");
        Assert.Equal("video/mp4", mp4.ContentType);
        Assert.Equal(TestMedia.Mp4(), await scene.Glasses.Http.ContentAsync(mp4));

        var webm = await scene.Glasses.Http.UploadOkAsync(url, TestMedia.Webm(), "clip");
        Assert.Equal("video/webm", webm.ContentType);
        Assert.Equal("clip.webm", webm.DisplayName);

        var files = await scene.Glasses.Http.GetJsonAsync<SessionFileInfo[]>($"/api/calls/{callId}/files");
        Assert.Equal(["manual.txt.pdf", "pump.mp4", "clip.webm"], files.Select(f => f.DisplayName));
    }

    [Fact]
    public async Task Upload_VideoAsSnapshot_IsRefused()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var before = await scene.Factory.StoredAsync();

        using var response = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Mp4(), "snap.jpg", "image/jpeg");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["A snapshot must be a JPEG, PNG or WebP image."], problem.Errors!["file"]);
        Assert.Equal(before, await scene.Factory.StoredAsync());
    }

    public static TheoryData<string, string, string> RefusedFiles => new()
    {
        { "elf", "invoice.pdf", "application/pdf" },
        { "exe", "invoice.pdf", "application/pdf" },
        { "svg", "logo.svg", "image/svg+xml" },
        { "svg", "logo.png", "image/png" },
        { "heic", "IMG_1.heic", "image/heic" },
        { "html", "page.pdf", "application/pdf" },
        { "empty", "empty.pdf", "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Upload_OtherTypes_RefusedSayingWhatIsAccepted_NothingStored(string what, string name, string declaredType)
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var before = await scene.Factory.StoredAsync();
        var content = what switch
        {
            "elf" => TestMedia.Elf(),
            "exe" => TestMedia.WindowsExe(),
            "svg" => TestMedia.SvgWithScript(),
            "heic" => TestMedia.Heic(),
            "html" => "<!doctype html><script>alert(1)</script>"u8.ToArray(),
            _ => [],
        };

        using var response = await scene.Expert.Http.UploadAsync($"/api/calls/{callId}/files?kind=Document", content, name, declaredType);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["This file type is not accepted. " + Accepted], problem.Errors!["file"]);
        Assert.Equal(before, await scene.Factory.StoredAsync());
    }

    [Fact]
    public async Task Upload_50000x50000Png_RefusedFromItsHeaderWithoutDecoding()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var bomb = TestMedia.PngHeaderOnly(50_000, 50_000);
        Assert.True(bomb.Length < 200, $"{bomb.Length} bytes");
        var before = await scene.Factory.StoredAsync();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", bomb, "bomb.png");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["This image is 50000 × 50000 pixels; images can have at most 50 megapixels."], problem.Errors!["file"]);
        Assert.Equal(before, await scene.Factory.StoredAsync());

        // Decoding would have needed 10 GB of pixels; Skia allocates natively, so the check is the process's working set too.
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 200_000_000);
        Assert.True(Environment.WorkingSet < 4L * 1024 * 1024 * 1024, $"working set {Environment.WorkingSet}");
    }

    [Fact]
    public async Task Upload_ImageOverConfiguredPixelLimit_Refused()
    {
        await using var scene = await CallScene.CreateAsync(("SessionFiles:MaxImagePixels", 100_000));
        var callId = await scene.StartActiveCallAsync();

        using var response = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(400, 300, SKEncodedImageFormat.Jpeg), "big.jpg");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["This image is 400 × 300 pixels; images can have at most 0.1 megapixels."], problem.Errors!["file"]);
        Assert.Equal((0, 0, 0), await scene.Factory.StoredAsync());
    }

    [Fact]
    public async Task Upload_DamagedJpeg_Refused()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var jpeg = TestMedia.Image(640, 480, SKEncodedImageFormat.Jpeg);

        using var response = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", jpeg[..(jpeg.Length / 3)], "cut.jpg");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("damaged", problem.Errors!["file"][0], StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await scene.Factory.StoredAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Upload_101MegabyteBody_Is413SayingTheLimit_NothingStored(bool declaredLength)
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var before = await scene.Factory.StoredAsync();
        var body = new StreamContent(new GeneratedStream(101L * 1024 * 1024, declaredLength, "%PDF-1.7\n"u8.ToArray()), 256 * 1024);

        using var response = await scene.Expert.Http.UploadAsync($"/api/calls/{callId}/files?kind=Document", body, "huge.pdf");

        var problem = await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Files can be at most 100 MB.", problem.Detail);
        Assert.Equal(before, await scene.Factory.StoredAsync());
    }

    [Fact]
    public async Task Upload_FileAtTheConfiguredLimit_IsAccepted_OneByteMoreIsNot()
    {
        await using var scene = await CallScene.CreateAsync(("SessionFiles:MaxUploadBytes", 100_000));
        var callId = await scene.StartActiveCallAsync();
        var url = $"/api/calls/{callId}/files?kind=Document";

        await scene.Expert.Http.UploadOkAsync(url, TestMedia.Pdf(100_000), "exact.pdf");
        using var response = await scene.Expert.Http.UploadAsync(url, TestMedia.Pdf(100_001), "over.pdf");

        Assert.Equal("Files can be at most 97.7 KB.", (await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Detail);
        Assert.Equal(1, (await scene.Factory.StoredAsync()).Rows);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("..\\..\\Windows\\System32\\report.pdf", "report.pdf")]
    [InlineData("../", "document.pdf")]
    [InlineData("in\u0001voice\u202Efdp.exe", "invoicefdp.exe.pdf")]
    [InlineData("..hidden.pdf", "hidden.pdf")]
    public async Task Upload_NameWithPathOrControlCharacters_IsAcceptedWithASanitisedDisplayName(string name, string expected)
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        var info = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), name);

        Assert.Equal(expected, info.DisplayName);
        Assert.DoesNotContain(SessionFileScene.Files(scene.Factory.DataFolder), f => f.Contains("passwd", StringComparison.Ordinal) || f.Contains("report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_LongName_IsCutTo200CharactersKeepingTheExtension()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        var info = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), new string('a', 300) + ".pdf");

        Assert.Equal(200, info.DisplayName.Length);
        Assert.EndsWith("aaa.pdf", info.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadQueryOrNoFile_ListsEveryProblemBeforeReadingTheBody()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        using (var response = await scene.Expert.Http.UploadAsync($"/api/calls/{callId}/files?kind=Selfie&sourceFileId={Guid.NewGuid()}", TestMedia.Pdf(1000), "a.pdf"))
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Use kind=Snapshot, Photo, AnnotatedImage or Document."], problem.Errors!["kind"]);
            Assert.Equal(["The source file is not a file of this call."], problem.Errors!["sourceFileId"]);
        }

        using (var response = await scene.Expert.Http.PostAsync($"/api/calls/{callId}/files?kind=Document", new ByteArrayContent(TestMedia.Pdf(1000))))
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Send the file as multipart/form-data in a part named \"file\"."], problem.Errors!["file"]);
        }

        using (var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } })
        using (var response = await scene.Expert.Http.PostAsync($"/api/calls/{callId}/files?kind=Document", form))
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Choose a file to upload (a part named \"file\")."], problem.Errors!["file"]);
        }

        Assert.Equal((0, 0, 0), await scene.Factory.StoredAsync());
    }

    [Fact]
    public async Task Upload_AnnotatedImage_NamesItsSourceInTheSameCall()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var snapshot = await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(320, 240, SKEncodedImageFormat.Jpeg), "s.jpg");

        var annotated = await scene.Expert.Http.UploadOkAsync(
            $"/api/calls/{callId}/files?kind=AnnotatedImage&sourceFileId={snapshot.Id}", TestMedia.Image(320, 240, SKEncodedImageFormat.Png), "annotated.png");

        Assert.Equal(SessionFileKind.AnnotatedImage, annotated.Kind);
        Assert.Equal(snapshot.Id, annotated.SourceFileId);
    }

    [Fact]
    public async Task Upload_WithoutAntiforgeryToken_IsRefused()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        scene.Expert.Http.DefaultRequestHeaders.Remove(Api.AntiforgeryHeader);

        using var response = await scene.Expert.Http.UploadAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await scene.Factory.StoredAsync());
    }

    [Fact]
    public async Task StoredObjects_OnDisk_CarryNoSignatureOrTextOfTheOriginals()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.JpegWithExif(800, 600, 1), "s.jpg");
        await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(), "m.pdf");
        await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Photo", TestMedia.Image(300, 200, SKEncodedImageFormat.Png), "p.png");

        var objects = SessionFileScene.Files(Path.Combine(scene.Factory.DataFolder, "blobs"));
        Assert.Equal(3, objects.Length);
        foreach (var path in objects)
        {
            var raw = await File.ReadAllBytesAsync(path);
            Assert.False(raw.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]), path);
            Assert.False(raw.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']), path);
            Assert.True(raw.AsSpan().IndexOf("%PDF-"u8) < 0, path);
            Assert.True(raw.AsSpan().IndexOf("JFIF"u8) < 0, path);
            Assert.True(raw.AsSpan().IndexOf("IHDR"u8) < 0, path);
            Assert.True(raw.AsSpan().IndexOf("/Catalog"u8) < 0, path);
            Assert.True(raw.AsSpan().IndexOf(Encoding.ASCII.GetBytes(TestMedia.ExifMarker)) < 0, path);
        }

        Assert.Empty(SessionFileScene.Files(Path.Combine(scene.Factory.DataFolder, "uploads")));
    }
}
