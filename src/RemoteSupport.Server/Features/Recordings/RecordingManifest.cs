using System.Text.Json;

namespace RemoteSupport.Server.Features.Recordings;

/// Someone whose streams are in a recording. ParticipantId is the first part of their .mjr file names (32 hex digits).
/// <param name="Role">"Technician", "Expert", "OrgAdmin" or "Guest": for the record only; IsTechnician decides whose video leads.</param>
public sealed record RecordedParticipant(Guid ParticipantId, string DisplayName, bool IsTechnician, string Role);

/// manifest.json in a recording's folder: enough to convert the folder and attach it to its call even when the database row is
/// gone or was never saved (recovery at start-up).
public sealed record RecordingManifest(
    int Version,
    Guid RecordingId,
    Guid OrganizationId,
    Guid CallId,
    Guid StartedById,
    string StartedByName,
    DateTimeOffset StartedAt,
    IReadOnlyList<RecordedParticipant> Participants)
{
    public const string FileName = "manifest.json";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// Written to a temp file, fsynced, then renamed over the old one: a reader sees the old or the new manifest, never half of one.
    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, FileName);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, options))
        {
            await JsonSerializer.SerializeAsync(stream, this, Json, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// The folder's manifest; null when there is none or it cannot be read (the caller says why in its failure reason).
    public static async Task<RecordingManifest?> ReadAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<RecordingManifest>(stream, Json, ct);
            return manifest is { Participants: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public RecordingManifest With(RecordedParticipant participant) => this with
    {
        Participants = [.. Participants.Where(p => p.ParticipantId != participant.ParticipantId), participant],
    };
}
