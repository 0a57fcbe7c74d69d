using Microsoft.AspNetCore.Http;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.Server.Features.SessionFiles;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Server.Tests.Features.SessionFiles;

public sealed class FileTypesTests
{
    private static byte[] Bytes(params object[] parts) => parts.SelectMany(p => p switch
    {
        string s => System.Text.Encoding.ASCII.GetBytes(s),
        byte[] b => b,
        int i => [(byte)i],
        _ => throw new ArgumentException("part"),
    }).Concat(new byte[32]).ToArray();

    public static TheoryData<string, byte[], string?> Samples => new()
    {
        { "jpeg", Bytes(0xFF, 0xD8, 0xFF, 0xE0), "image/jpeg" },
        { "png", Bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A), "image/png" },
        { "webp", Bytes("RIFF", new byte[4], "WEBPVP8 "), "image/webp" },
        { "pdf", Bytes("%PDF-1.7"), "application/pdf" },
        { "mp4 isom", Bytes(0, 0, 0, 0x18, "ftypisom", new byte[4], "isommp41"), "video/mp4" },
        { "mp4 compatible brand", Bytes(0, 0, 0, 0x18, "ftypXAVC", new byte[4], "mp42iso2"), "video/mp4" },
        { "webm", Bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84, "webm"), "video/webm" },
        { "matroska", Bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88, "matroska"), null },
        { "quicktime", Bytes(0, 0, 0, 0x14, "ftypqt  ", new byte[4], "qt  "), null },
        { "heic", Bytes(0, 0, 0, 0x18, "ftypheic", new byte[4], "mif1heic"), null },
        { "avif", Bytes(0, 0, 0, 0x1C, "ftypavif", new byte[4], "avifmif1miaf"), null },
        { "gif", Bytes("GIF89a"), null },
        { "svg", Bytes("<svg xmlns=\"http://www.w3.org/2000/svg\">"), null },
        { "pdf not at start", Bytes(" %PDF-1.7"), null },
        { "elf", Bytes(0x7F, "ELF"), null },
        { "zip", Bytes("PK", 3, 4), null },
        { "riff wave", Bytes("RIFF", new byte[4], "WAVEfmt "), null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_ByMagicBytes(string what, byte[] head, string? expected)
    {
        Assert.True(expected == FileTypes.Detect(head)?.ContentType, what);
    }

    [Fact]
    public void Detect_TooShort_IsNull()
    {
        Assert.Null(FileTypes.Detect([]));
        Assert.Null(FileTypes.Detect([0xFF, 0xD8]));
        Assert.Null(FileTypes.Detect("RIFF"u8));
    }

    [Theory]
    [InlineData("photo.JPG", "photo.JPG")]
    [InlineData("C:\\Users\\tess\\Desktop\\photo.jpeg", "photo.jpeg")]
    [InlineData("/etc/passwd", "passwd.jpg")]
    [InlineData("a/b\\c/..", "snapshot.jpg")]
    [InlineData(null, "snapshot.jpg")]
    [InlineData("   ", "snapshot.jpg")]
    [InlineData("evil\u202Egnp.exe", "evilgnp.exe.jpg")]
    [InlineData("tab\there\r\n.jpg", "tabhere.jpg")]
    [InlineData("diagram.png", "diagram.png.jpg")]
    public void DisplayName_IsSanitised(string? uploaded, string expected)
    {
        Assert.Equal(expected, DisplayNames.Sanitize(uploaded, FileTypes.Jpeg, SessionFileKind.Snapshot));
    }

    [Fact]
    public void DisplayName_Long_IsCutKeepingTheExtensionAndWholeCharacters()
    {
        var name = DisplayNames.Sanitize(new string('x', 195) + "😀😀😀.pdf", FileTypes.Pdf, SessionFileKind.Document);

        Assert.True(name.Length <= 200);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^5]));
    }

    [Theory]
    [InlineData(null, 0, 1000, false, false)]
    [InlineData("bytes=0-99", 0, 100, true, false)]
    [InlineData("bytes=900-", 900, 100, true, false)]
    [InlineData("bytes=900-5000", 900, 100, true, false)]
    [InlineData("bytes=-10", 990, 10, true, false)]
    [InlineData("bytes=-5000", 0, 1000, true, false)]
    [InlineData("bytes=1000-", 0, 0, false, true)]
    [InlineData("bytes=-0", 0, 0, false, true)]
    [InlineData("bytes=0-1,5-6", 0, 1000, false, false)]
    [InlineData("items=0-1", 0, 1000, false, false)]
    [InlineData("bytes=5-1", 0, 1000, false, false)]
    public void ByteRange_FromHeader(string? header, long start, long length, bool partial, bool unsatisfiable)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.Range = header;
        }

        Assert.Equal(new ByteRange(start, length, partial, unsatisfiable), ByteRange.From(context.Request, 1000, "\"abc\""));
    }

    [Fact]
    public void ByteRange_IfRangeOfAnotherVersion_SendsTheWholeFile()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Range = "bytes=10-19";
        context.Request.Headers.IfRange = "\"old\"";

        Assert.False(ByteRange.From(context.Request, 1000, "\"abc\"").Partial);
        context.Request.Headers.IfRange = "\"abc\"";
        Assert.True(ByteRange.From(context.Request, 1000, "\"abc\"").Partial);
    }

    [Fact]
    public void OptionsValidator_ReportsEveryProblem()
    {
        var result = new SessionFilesOptionsValidator().Validate(null, new SessionFilesOptions
        {
            MaxUploadBytes = 10,
            MaxImagePixels = 0,
            UploadGraceAfterCallEnd = TimeSpan.FromMinutes(-1),
            ImageQuality = 101,
            MaxConcurrentImageJobs = 0,
        });

        Assert.Equal(5, result.Failures!.Count());
        Assert.True(new SessionFilesOptionsValidator().Validate(null, new SessionFilesOptions()).Succeeded);
    }
}
