using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.SessionFiles;

/// <summary>Section "SessionFiles": uploads of snapshots, annotated images, photos and documents.</summary>
public sealed class SessionFilesOptions
{
    public const string SectionName = "SessionFiles";

    /// <summary>Largest file accepted, in bytes. Default 100 MB (104857600).</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest image accepted, in pixels (width × height), checked from the header before anything is decoded, against
    /// decompression bombs. Default 50 megapixels.</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>How long after a call ended its participants may still add files (a snapshot on its way when someone hung up).
    /// Default 10 minutes.</summary>
    public TimeSpan UploadGraceAfterCallEnd { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Quality (1–100) of JPEG and WebP images re-encoded on upload. Default 90.</summary>
    public int ImageQuality { get; set; } = 90;

    /// <summary>Images decoded at once (uploads and thumbnails); each may take width × height × 4 bytes of memory. Default 2.</summary>
    public int MaxConcurrentImageJobs { get; set; } = 2;
}

internal sealed class SessionFilesOptionsValidator : IValidateOptions<SessionFilesOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionFilesOptions o)
    {
        var errors = new List<string>();
        if (o.MaxUploadBytes is < 1024 or > 100L * 1024 * 1024 * 1024)
        {
            errors.Add("SessionFiles:MaxUploadBytes must be between 1024 and 107374182400 (100 GiB).");
        }

        if (o.MaxImagePixels is < 1 or > 500_000_000)
        {
            errors.Add("SessionFiles:MaxImagePixels must be between 1 and 500000000.");
        }

        if (o.UploadGraceAfterCallEnd < TimeSpan.Zero || o.UploadGraceAfterCallEnd > TimeSpan.FromDays(1))
        {
            errors.Add("SessionFiles:UploadGraceAfterCallEnd must be between 00:00:00 and 1.00:00:00.");
        }

        if (o.ImageQuality is < 1 or > 100)
        {
            errors.Add("SessionFiles:ImageQuality must be between 1 and 100.");
        }

        if (o.MaxConcurrentImageJobs is < 1 or > 64)
        {
            errors.Add("SessionFiles:MaxConcurrentImageJobs must be between 1 and 64.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
