using System.Text.Json.Nodes;

namespace RemoteSupport.Server.Features.Sfu;

/// Recording in the room: Janus writes each publisher's streams as .mjr files; the Recordings feature converts them.
public sealed partial class MediaRoom
{
    /// Starts recording every publisher (and everyone who publishes later) into folder: one .mjr per stream, named
    /// &lt;member&gt;-&lt;segment&gt;-audio|video-&lt;mindex&gt;.mjr. Janus asks each publisher for a keyframe at once.
    public async Task StartRecordingAsync(string folder, Func<Guid, int, Task> memberSegmentStarted, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            _recording = new Recording(folder, memberSegmentStarted);
            foreach (var member in _members.Values.Where(m => m.Publisher is not null))
            {
                var body = new JsonObject { ["request"] = "configure" };
                AddRecording(body, member);
                await member.Publisher!.MessageAsync(body, null, cancellationToken);
                await memberSegmentStarted(member.Id, member.Segment);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task StopRecordingAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_recording is null)
            {
                return;
            }

            _recording = null;
            foreach (var member in _members.Values.Where(m => m.Publisher is not null))
            {
                await member.Publisher!.MessageAsync(new JsonObject { ["request"] = "configure", ["record"] = false, ["secret"] = _secret }, null, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private void AddRecording(JsonObject body, Member member)
    {
        member.Segment++;
        body["record"] = true;
        body["secret"] = _secret;
        body["filename"] = Path.Combine(_recording!.Folder, $"{member.Id:N}-{member.Segment}");
    }
}
