using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RemoteSupport.Server.Features.Recordings;

public enum MjrMediaType
{
    Audio,
    Video,
    Data,
}

/// The info header of a .mjr file as `janus-pp-rec -j` prints it (Janus src/record.c writes it with the first packet):
/// t = a/v/d, c = codec, s = when the recorder was created and u = when the first packet was written, both wall-clock µs
/// since the Unix epoch. The converted file starts at the first packet, so u is what places a stream on the timeline.
public sealed record MjrHeader(MjrMediaType Type, string Codec, long CreatedUs, long FirstPacketUs)
{
    /// Null with a reason when the text is not a usable header.
    public static (MjrHeader? Header, string? Problem) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Trim());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the header is not a JSON object");
            }

            var type = Text(root, "t") switch
            {
                "a" => MjrMediaType.Audio,
                "v" => MjrMediaType.Video,
                "d" => MjrMediaType.Data,
                _ => (MjrMediaType?)null,
            };
            var codec = Text(root, "c");
            if (type is null || string.IsNullOrEmpty(codec))
            {
                return (null, "the header names no media type or codec");
            }

            if (!Integer(root, "s", out var created) || !Integer(root, "u", out var written))
            {
                return (null, "the header has no start times");
            }

            if (root.TryGetProperty("e", out var e) && e.ValueKind == JsonValueKind.True)
            {
                return (null, "the stream is end-to-end encrypted");
            }

            return (new MjrHeader(type.Value, codec.ToLowerInvariant(), created, written), null);
        }
        catch (JsonException)
        {
            return (null, "the header is not valid JSON");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Integer(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}

/// What a .mjr file name says: `<participantId:N>-<segment>-<audio|video|data>-<mindex>.mjr` (the base name the call code gives
/// Janus, which appends the media type and the m-line index).
public sealed partial record MjrFileName(Guid ParticipantId, int Segment, MjrMediaType Type, int MIndex)
{
    public static MjrFileName? Parse(string fileName)
    {
        var m = Pattern().Match(fileName);
        if (!m.Success || !Guid.TryParseExact(m.Groups["id"].Value, "N", out var id))
        {
            return null;
        }

        var type = m.Groups["type"].Value switch
        {
            "audio" => MjrMediaType.Audio,
            "video" => MjrMediaType.Video,
            _ => MjrMediaType.Data,
        };
        return new MjrFileName(
            id, int.Parse(m.Groups["segment"].Value, CultureInfo.InvariantCulture), type, int.Parse(m.Groups["mindex"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<id>[0-9a-f]{32})-(?<segment>\d{1,6})-(?<type>audio|video|data)-(?<mindex>\d{1,3})\.mjr$")]
    private static partial Regex Pattern();
}
