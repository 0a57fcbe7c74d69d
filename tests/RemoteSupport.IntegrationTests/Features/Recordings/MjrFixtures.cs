using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// Real .mjr files without Janus: ffmpeg encodes a test pattern (VP8 in IVF) and a tone (Opus in Ogg), this class cuts them
/// into RTP packets as a browser would send them (RFC 7741 VP8 payload descriptor, one Opus frame per packet) and writes
/// them in Janus' MJR00002 format (src/record.c): "MJR00002", uint16 BE header length, JSON header {t, c, s, u}, then per
/// packet "MEET", uint32 BE milliseconds since the first packet, uint16 BE length, the RTP packet.
/// Encoded media is cached per process in the temp folder (shared by the tests and the benchmark).
public static class MjrFixtures
{
    private const int MaxRtpPayload = 1100;
    private static readonly SemaphoreSlim CacheGate = new(1, 1);

    public static string CacheFolder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rs-mjr-fixtures")).FullName;

    /// VP8 640x480 30 fps test pattern, one keyframe a second, encoded once per length.
    public static Task<string> VideoAsync(int seconds) => CachedAsync($"testsrc-640x480-{seconds}s.ivf",
        ["-f", "lavfi", "-i", $"testsrc=size=640x480:rate=30:duration={seconds}", "-c:v", "libvpx", "-b:v", "600k", "-deadline", "realtime",
         "-cpu-used", "8", "-g", "30", "-auto-alt-ref", "0", "-f", "ivf"]);

    /// Mono Opus tone, 20 ms frames, encoded once per length and pitch.
    public static Task<string> AudioAsync(int seconds, int frequency) => CachedAsync($"sine-{frequency}-{seconds}s.ogg",
        ["-f", "lavfi", "-i", $"sine=frequency={frequency}:sample_rate=48000:duration={seconds}", "-c:a", "libopus", "-b:a", "32k",
         "-frame_duration", "20", "-ac", "1", "-f", "ogg"]);

    /// Writes a video .mjr from an IVF file; the first packet was written at firstPacketUs (wall-clock µs, header "u").
    /// skipFrames starts the stream that many frames into the file: mid-GOP, as a camera joining late (its first keyframe
    /// arrives after its first packet).
    public static void WriteVideo(string ivfPath, string mjrPath, long firstPacketUs, int skipFrames = 0)
    {
        var ivf = File.ReadAllBytes(ivfPath);
        var den = BinaryPrimitives.ReadUInt32LittleEndian(ivf.AsSpan(16));
        var num = BinaryPrimitives.ReadUInt32LittleEndian(ivf.AsSpan(20));
        using var mjr = new MjrWriter(mjrPath, "v", "vp8", firstPacketUs);
        ushort seq = 1000;
        var index = 0;
        long? firstMs = null;
        for (int offset = BinaryPrimitives.ReadUInt16LittleEndian(ivf.AsSpan(6)); offset + 12 <= ivf.Length;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(ivf.AsSpan(offset));
            var pts = (long)BinaryPrimitives.ReadUInt64LittleEndian(ivf.AsSpan(offset + 4));
            var frame = ivf.AsSpan(offset + 12, size);
            offset += 12 + size;
            if (index++ < skipFrames)
            {
                continue;
            }

            firstMs ??= pts * 1000 * num / den;
            var ms = (pts * 1000 * num / den) - firstMs.Value;
            var rtpTs = (uint)(pts * 90_000 * num / den);
            for (var at = 0; at < frame.Length; at += MaxRtpPayload)
            {
                var chunk = frame[at..Math.Min(frame.Length, at + MaxRtpPayload)];
                var payload = new byte[1 + chunk.Length];
                payload[0] = (byte)(at == 0 ? 0x10 : 0x00); // S bit on the first packet of a frame, partition 0
                chunk.CopyTo(payload.AsSpan(1));
                mjr.Write((uint)ms, Rtp(96, marker: at + MaxRtpPayload >= frame.Length, seq++, rtpTs, 0x11111111, payload));
            }
        }
    }

    /// Writes an audio .mjr from an Ogg Opus file (20 ms packets).
    public static void WriteAudio(string oggPath, string mjrPath, long firstPacketUs, uint ssrc = 0x22222222)
    {
        using var mjr = new MjrWriter(mjrPath, "a", "opus", firstPacketUs);
        ushort seq = 2000;
        var index = 0;
        foreach (var packet in OggPackets(File.ReadAllBytes(oggPath)).Skip(2)) // OpusHead, OpusTags
        {
            mjr.Write((uint)(index * 20), Rtp(111, marker: index == 0, seq++, (uint)(index * 960), ssrc, packet));
            index++;
        }
    }

    /// A recording folder as Janus would leave it for a call: the technician's camera and microphone from 0 s, the expert's
    /// microphone (a different tone) from expertAudioDelay s for expertAudioSeconds, and optionally the expert's webcam.
    public static async Task WriteCallAsync(string folder, Guid technicianId, Guid expertId, int seconds, int expertAudioDelay, int expertAudioSeconds,
        bool expertWebcam, long startUs)
    {
        var video = await VideoAsync(seconds);
        WriteVideo(video, Path.Combine(folder, $"{technicianId:N}-0-video-1.mjr"), startUs + 40_000);
        WriteAudio(await AudioAsync(seconds, 440), Path.Combine(folder, $"{technicianId:N}-0-audio-0.mjr"), startUs);
        WriteAudio(await AudioAsync(expertAudioSeconds, 660), Path.Combine(folder, $"{expertId:N}-0-audio-0.mjr"), startUs + expertAudioDelay * 1_000_000L, 0x33333333);
        if (expertWebcam)
        {
            WriteVideo(video, Path.Combine(folder, $"{expertId:N}-0-video-1.mjr"), startUs + expertAudioDelay * 1_000_000L);
        }
    }

    private static byte[] Rtp(byte payloadType, bool marker, ushort seq, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    private static IEnumerable<byte[]> OggPackets(byte[] ogg)
    {
        var packet = new List<byte>();
        for (var page = 0; page + 27 <= ogg.Length;)
        {
            if (Encoding.ASCII.GetString(ogg, page, 4) != "OggS")
            {
                throw new InvalidDataException("Not an Ogg page.");
            }

            int segments = ogg[page + 26];
            var data = page + 27 + segments;
            for (var s = 0; s < segments; s++)
            {
                int lacing = ogg[page + 27 + s];
                packet.AddRange(ogg.AsSpan(data, lacing));
                data += lacing;
                if (lacing < 255)
                {
                    yield return [.. packet];
                    packet.Clear();
                }
            }

            page = data;
        }
    }

    private static async Task<string> CachedAsync(string name, string[] arguments)
    {
        var path = Path.Combine(CacheFolder, name);
        await CacheGate.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                var temp = path + $".{Environment.ProcessId}.tmp";
                var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in (string[])["-hide_banner", "-loglevel", "error", "-y", .. arguments, temp])
                {
                    start.ArgumentList.Add(a);
                }

                using var process = Process.Start(start)!;
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg failed making {name}: {error}");
                }

                File.Move(temp, path, overwrite: true);
            }

            return path;
        }
        finally
        {
            CacheGate.Release();
        }
    }

    private sealed class MjrWriter : IDisposable
    {
        private readonly FileStream _file;

        public MjrWriter(string path, string type, string codec, long firstPacketUs)
        {
            _file = File.Create(path);
            _file.Write("MJR00002"u8);
            var json = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{{\"t\":\"{type}\",\"c\":\"{codec}\",\"s\":{firstPacketUs - 5000},\"u\":{firstPacketUs}}}"));
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)json.Length);
            _file.Write(length);
            _file.Write(json);
        }

        public void Write(uint msSinceFirst, byte[] rtp)
        {
            Span<byte> head = stackalloc byte[10];
            "MEET"u8.CopyTo(head);
            BinaryPrimitives.WriteUInt32BigEndian(head[4..], msSinceFirst);
            BinaryPrimitives.WriteUInt16BigEndian(head[8..], (ushort)rtp.Length);
            _file.Write(head);
            _file.Write(rtp);
        }

        public void Dispose() => _file.Dispose();
    }
}
