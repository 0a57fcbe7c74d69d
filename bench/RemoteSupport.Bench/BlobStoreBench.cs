using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.Bench;

/// Encrypted blob store against plain file I/O of the same bytes, in the same run and the same folder, alternating so that
/// drift (page cache, CPU clock, other load) hits both alike. Both writes end with fsync (the store needs it before its
/// atomic rename; the plain copy does it too, so the comparison is like for like). Reads follow writes, so both are
/// served mostly from the page cache: what differs is the cost of decryption, not the disk.
internal sealed class BlobStoreBench(long bytes, int runs, int warmup, int segmentSize, string folder)
{
    private const int CopyBuffer = 64 * 1024;

    public sealed record Result(Stats Put, Stats Read, Stats PlainWrite, Stats PlainRead, long Bytes);

    public static async Task<int> MainAsync(string[] args)
    {
        var megabytes = 256;
        var runs = 5;
        var warmup = 1;
        var segmentSize = 64 * 1024;
        string? dir = null;
        string? summary = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--megabytes" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var m) && m > 0:
                    megabytes = m;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    i++;
                    break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var w) && w >= 0:
                    warmup = w;
                    i++;
                    break;
                case "--segment-size" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s)
                    && s is >= BlobStoreOptions.MinSegmentSize and <= BlobStoreOptions.MaxSegmentSize:
                    segmentSize = s;
                    i++;
                    break;
                case "--dir" when i + 1 < args.Length:
                    dir = args[++i];
                    break;
                case "--summary" when i + 1 < args.Length:
                    summary = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: RemoteSupport.Bench blob-store [--megabytes N] [--runs N] [--warmup N] [--segment-size BYTES] [--dir FOLDER] [--summary FILE]");
                    return 2;
            }
        }

        var root = Directory.CreateTempSubdirectory("rs-bench-blobs-").FullName;
        if (dir is not null)
        {
            Directory.Delete(root);
            root = Directory.CreateDirectory(Path.Combine(dir, $"rs-bench-blobs-{Environment.ProcessId}")).FullName;
        }

        try
        {
            var bytes = megabytes * 1024L * 1024;
            var result = await new BlobStoreBench(bytes, runs, warmup, segmentSize, root).RunAsync();
            Print(result, runs, warmup, segmentSize, root);
            if (summary is not null)
            {
                await File.WriteAllLinesAsync(summary, SummaryLines(result, megabytes, segmentSize));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public async Task<Result> RunAsync()
    {
        using var key = new MasterKey(RandomNumberGenerator.GetBytes(MasterKey.KeySize));
        var store = new LocalBlobStore(Path.Combine(folder, "blobs"), segmentSize, key, NullLogger<LocalBlobStore>.Instance);
        store.Initialize();
        var organizationId = Guid.NewGuid();
        var block = RandomNumberGenerator.GetBytes(16 * 1024 * 1024);
        var plainPath = Path.Combine(folder, "plain.bin");
        List<double> put = [], read = [], plainWrite = [], plainRead = [];

        for (var run = 0; run < warmup + runs; run++)
        {
            var measured = run >= warmup;

            var sw = Stopwatch.StartNew();
            await using (var file = new FileStream(plainPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 }))
            {
                await new RepeatingStream(block, bytes).CopyToAsync(file, CopyBuffer);
                file.Flush(flushToDisk: true);
            }

            Record(measured, plainWrite, sw);

            sw.Restart();
            await using (var file = new FileStream(plainPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                await CheckLengthAsync(file, bytes);
            }

            Record(measured, plainRead, sw);
            File.Delete(plainPath);

            sw.Restart();
            var info = await store.PutAsync(organizationId, new RepeatingStream(block, bytes), "application/octet-stream", CancellationToken.None);
            Record(measured, put, sw);

            sw.Restart();
            await using (var stream = (await store.OpenReadAsync(organizationId, info.Id, CancellationToken.None))!)
            {
                await CheckLengthAsync(stream, bytes);
            }

            Record(measured, read, sw);
            await store.DeleteAsync(organizationId, info.Id, CancellationToken.None);
        }

        return new Result(
            Stats.Of("blob store put (encrypt + write + fsync)", put),
            Stats.Of("blob store read (read + decrypt)", read),
            Stats.Of("plain file write (+ fsync)", plainWrite),
            Stats.Of("plain file read", plainRead),
            bytes);
    }

    private static void Record(bool measured, List<double> samples, Stopwatch sw)
    {
        if (measured)
        {
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
    }

    private static async Task CheckLengthAsync(Stream stream, long expected)
    {
        var sink = new CountingSink();
        await stream.CopyToAsync(sink, CopyBuffer);
        if (sink.Length != expected)
        {
            throw new InvalidOperationException($"read {sink.Length} bytes, wrote {expected}");
        }
    }

    private static double MiBPerSecond(long bytes, double ms) => bytes / (1024.0 * 1024) / (ms / 1000);

    private static void Print(Result r, int runs, int warmup, int segmentSize, string root)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Blob store vs plain file, {r.Bytes / (1024 * 1024)} MiB, {runs} runs after {warmup} warm-up, segment size {segmentSize / 1024} KiB, in {root}"));
        Console.WriteLine(Stats.Header);
        foreach (var s in new[] { r.Put, r.PlainWrite, r.Read, r.PlainRead })
        {
            Console.WriteLine(s.Row());
        }

        Console.WriteLine();
        Console.WriteLine(Throughput("write", r.Bytes, r.Put, r.PlainWrite));
        Console.WriteLine(Throughput("read", r.Bytes, r.Read, r.PlainRead));
    }

    private static string Throughput(string what, long bytes, Stats store, Stats plain) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: blob store {MiBPerSecond(bytes, store.Median):F0} MiB/s, plain {MiBPerSecond(bytes, plain.Median):F0} MiB/s, time ratio {store.Median / plain.Median:F2}×");

    private static string[] SummaryLines(Result r, int megabytes, int segmentSize)
    {
        string Line(string measure, Stats s, Stats baseline, string verdict) => string.Create(CultureInfo.InvariantCulture,
            $"{measure}\t{s.Count}\t{s.Median:F0}\t{s.P95:F0}\t{baseline.Median:F0}\t{s.Median / baseline.Median:F2}\t{verdict}");
        string Rate(Stats s) => string.Create(CultureInfo.InvariantCulture, $"{MiBPerSecond(r.Bytes, s.Median):F0} MiB/s");

        return
        [
            Line($"blob-store put {megabytes} MiB, {segmentSize / 1024} KiB segments (encrypt + write + fsync)", r.Put, r.PlainWrite, $"{Rate(r.Put)} vs plain {Rate(r.PlainWrite)}"),
            Line($"blob-store read {megabytes} MiB, {segmentSize / 1024} KiB segments (read + decrypt)", r.Read, r.PlainRead, $"{Rate(r.Read)} vs plain {Rate(r.PlainRead)}"),
            Line($"plain file write {megabytes} MiB (+ fsync, baseline)", r.PlainWrite, r.PlainWrite, Rate(r.PlainWrite)),
            Line($"plain file read {megabytes} MiB (baseline)", r.PlainRead, r.PlainRead, Rate(r.PlainRead)),
        ];
    }

    /// Non-seekable source of <paramref name="length"/> bytes: the random block, repeated (AES does not care; no 256 MiB array).
    private sealed class RepeatingStream(byte[] block, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var offset = (int)(_position % block.Length);
            var count = (int)Math.Min(Math.Min(buffer.Length, block.Length - offset), length - _position);
            block.AsSpan(offset, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
