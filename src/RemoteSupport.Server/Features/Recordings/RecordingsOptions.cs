using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Recordings;

/// <summary>Section "Recordings": where the media server's raw streams are kept until they are converted, and the tools that convert them.</summary>
public sealed class RecordingsOptions
{
    public const string SectionName = "Recordings";

    /// <summary>Folder of the raw recordings (one 0700 sub-folder per recording). Default "&lt;Data:Folder&gt;/recordings".</summary>
    public string? Folder { get; set; }

    /// <summary>The janus-pp-rec program (Debian janus-tools). Default "janus-pp-rec", found on PATH.</summary>
    public string JanusPpRec { get; set; } = "janus-pp-rec";

    /// <summary>The ffmpeg program. Default "ffmpeg", found on PATH.</summary>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>The ffprobe program (measures the result). Default "ffprobe", found on PATH.</summary>
    public string Ffprobe { get; set; } = "ffprobe";

    /// <summary>Longest a single tool run may take before the conversion is given up as failed. Default 30 minutes.</summary>
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Recordings converted at once. Default 1 (conversion uses every core for its own tool runs).</summary>
    public int MaxConcurrentConversions { get; set; } = 1;

    /// <summary>Bit rate of the mixed Opus audio, in bits per second. Default 64000.</summary>
    public int AudioBitrate { get; set; } = 64_000;

    public string FolderPath(DataFolderOptions data) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Folder) ? Path.Combine(data.FullPath, "recordings") : Folder);
}

internal sealed class RecordingsOptionsValidator : IValidateOptions<RecordingsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordingsOptions o)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[] { ("JanusPpRec", o.JanusPpRec), ("Ffmpeg", o.Ffmpeg), ("Ffprobe", o.Ffprobe) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Recordings:{key} must name a program (a path, or a name found on PATH).");
            }
        }

        if (o.ToolTimeout < TimeSpan.FromSeconds(10) || o.ToolTimeout > TimeSpan.FromHours(12))
        {
            errors.Add("Recordings:ToolTimeout must be between 00:00:10 and 12:00:00.");
        }

        if (o.MaxConcurrentConversions is < 1 or > 16)
        {
            errors.Add("Recordings:MaxConcurrentConversions must be between 1 and 16.");
        }

        if (o.AudioBitrate is < 16_000 or > 256_000)
        {
            errors.Add("Recordings:AudioBitrate must be between 16000 and 256000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
