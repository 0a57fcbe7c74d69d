using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace RemoteSupport.IntegrationTests.Features.SessionFiles;

/// Files made in the test: real images encoded with SkiaSharp (one with a spliced-in EXIF segment carrying GPS and a
/// marker), and minimal headers of the other accepted and refused types.
public static class TestMedia
{
    public const string ExifMarker = "MARKER-7f3a-SECRET-EXIF-DESCRIPTION";

    public static byte[] Image(int width, int height, SKEncodedImageFormat format, int quality = 90, bool grain = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [SKColors.DarkBlue, SKColors.Orange, SKColors.ForestGreen], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, paint);

            // A red block in the top left corner, to see where it went after orientation is applied.
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 4f, height / 4f, red);
        }

        if (grain)
        {
            // Sensor-like noise, so the JPEG is as large as a camera's (a clean gradient compresses to almost nothing).
            var random = new Random(7);
            var pixels = bitmap.Pixels;
            for (var i = 0; i < pixels.Length; i++)
            {
                var p = pixels[i];
                var d = random.Next(-24, 25);
                pixels[i] = new SKColor((byte)Math.Clamp(p.Red + d, 0, 255), (byte)Math.Clamp(p.Green + d, 0, 255), (byte)Math.Clamp(p.Blue + d, 0, 255));
            }

            bitmap.Pixels = pixels;
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// A JPEG with an APP1 Exif segment: IFD0 with ImageDescription (the marker), Orientation and a GPS IFD (48°51'29"N 2°17'40"E).
    public static byte[] JpegWithExif(int width, int height, ushort orientation, bool grain = false)
    {
        var jpeg = Image(width, height, SKEncodedImageFormat.Jpeg, grain: grain);
        var tiff = ExifTiff(orientation);
        var app1 = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        app1.Add((byte)(length >> 8));
        app1.Add((byte)length);
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);

        // Right after SOI, before Skia's own APP0/JFIF.
        return [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];
    }

    private static byte[] ExifTiff(ushort orientation)
    {
        var description = Encoding.ASCII.GetBytes(ExifMarker + "\0");
        var tiff = new byte[512];
        var s = tiff.AsSpan();
        "II"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], 8);

        // IFD0 at 8: 3 entries (12 bytes each) + next-IFD offset.
        const int ifd0 = 8, gpsIfd = ifd0 + 2 + (3 * 12) + 4, descriptionAt = 200, latitudeAt = 300, longitudeAt = 330;
        BinaryPrimitives.WriteUInt16LittleEndian(s[ifd0..], 3);
        Entry(s, ifd0 + 2, 0x010E, 2, (uint)description.Length, descriptionAt);     // ImageDescription, ASCII
        Entry(s, ifd0 + 14, 0x0112, 3, 1, orientation);                               // Orientation, SHORT
        Entry(s, ifd0 + 26, 0x8825, 4, 1, gpsIfd);                                    // GPS IFD pointer, LONG
        BinaryPrimitives.WriteUInt32LittleEndian(s[(ifd0 + 38)..], 0);

        // GPS IFD: 4 entries.
        BinaryPrimitives.WriteUInt16LittleEndian(s[gpsIfd..], 4);
        Entry(s, gpsIfd + 2, 0x0001, 2, 2, 'N');                                      // GPSLatitudeRef "N"
        Entry(s, gpsIfd + 14, 0x0002, 5, 3, latitudeAt);                              // GPSLatitude, 3 RATIONAL
        Entry(s, gpsIfd + 26, 0x0003, 2, 2, 'E');                                     // GPSLongitudeRef "E"
        Entry(s, gpsIfd + 38, 0x0004, 5, 3, longitudeAt);                             // GPSLongitude, 3 RATIONAL
        BinaryPrimitives.WriteUInt32LittleEndian(s[(gpsIfd + 50)..], 0);

        description.CopyTo(s[descriptionAt..]);
        Rationals(s[latitudeAt..], (48, 1), (51, 1), (29, 1));
        Rationals(s[longitudeAt..], (2, 1), (17, 1), (40, 1));
        return tiff;
    }

    private static void Entry(Span<byte> s, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(s[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(s[(at + 8)..], value);
    }

    private static void Rationals(Span<byte> s, params (uint N, uint D)[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[(i * 8)..], values[i].N);
            BinaryPrimitives.WriteUInt32LittleEndian(s[((i * 8) + 4)..], values[i].D);
        }
    }

    /// A PNG whose header says width × height with one tiny IDAT: decoding it would need width × height × 4 bytes.
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 6;   // RGBA
        Chunk(png, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                z.Write(new byte[1024]);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4), .. data]));
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
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// "%PDF-1.7" and a body of deterministic bytes, long enough to span several blob segments.
    public static byte[] Pdf(int length = 300_000) => WithFiller("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n"u8, length, 1);

    public static byte[] Mp4(int length = 50_000) => WithFiller(
        [0, 0, 0, 0x18, .. "ftyp"u8, .. "isom"u8, 0, 0, 2, 0, .. "isom"u8, .. "mp41"u8, 0, 0, 0, 8, .. "free"u8], length, 2);

    public static byte[] Webm(int length = 50_000) => WithFiller(
        [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
            0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02], length, 3);

    public static byte[] Elf() => WithFiller([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], 4096, 4);

    public static byte[] WindowsExe() => WithFiller([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF], 4096, 5);

    public static byte[] SvgWithScript() =>
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script></svg>"u8.ToArray();

    /// A HEIC-like ISO box header: the MP4 layout, but an image brand.
    public static byte[] Heic() => WithFiller([0, 0, 0, 0x18, .. "ftyp"u8, .. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8], 4096, 6);

    private static byte[] WithFiller(ReadOnlySpan<byte> head, int length, int seed)
    {
        var bytes = new byte[Math.Max(length, head.Length)];
        new Random(seed).NextBytes(bytes);
        head.CopyTo(bytes);
        return bytes;
    }
}

/// Zeros of a given length, made as they are read: a 101 MB upload without 101 MB in memory.
public sealed class GeneratedStream(long length, bool seekable, byte[] head) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => seekable;
    public override bool CanWrite => false;
    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => _position = seekable ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        if (n <= 0)
        {
            return 0;
        }

        Array.Clear(buffer, offset, n);
        for (var i = 0; i < n && _position + i < head.Length; i++)
        {
            buffer[offset + i] = head[_position + i];
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => seekable
        ? _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset }
        : throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
