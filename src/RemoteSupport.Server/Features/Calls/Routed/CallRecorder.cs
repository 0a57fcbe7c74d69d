using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Collaboration;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Features.Sfu;

namespace RemoteSupport.Server.Features.Calls.Routed;

/// Record/Stop of a call: only experts, only through the media server (a peer-to-peer call moves there first). Janus
/// records every publisher — and everyone who publishes later — into the recording's folder; on Stop, hang-up or a lost
/// media server the recording is handed to the Recordings feature, which converts, encrypts and stores it.
public sealed partial class CallRecorder
{
    private readonly ConcurrentDictionary<Guid, Active> _active = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly CallCoordinator _calls;
    private readonly MediaRooms _rooms;
    private readonly RoutedMedia _media;
    private readonly RecordingLibrary _library;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<CallRecorder> _logger;

    private sealed record Active(RecordingStart Start, HubCaller StartedBy);

    public CallRecorder(CallCoordinator calls, MediaRooms rooms, RoutedMedia media, RecordingLibrary library, IServiceScopeFactory scopes, ILogger<CallRecorder> logger)
    {
        _calls = calls;
        _rooms = rooms;
        _media = media;
        _library = library;
        _scopes = scopes;
        _logger = logger;
        calls.CallEnded += callId => _ = FinishAsync(callId, null);
        media.RoomLost += callId => _ = FinishAsync(callId, "Recording stopped: the media server restarted. What was recorded so far is kept.");
    }

    public bool IsRecording(Guid callId) => _active.ContainsKey(callId);

    public async Task StartAsync(HubCaller who, Guid callId)
    {
        var call = RequireExpertInCall(who, callId);
        await _lock.WaitAsync();
        try
        {
            if (_active.ContainsKey(callId))
            {
                throw new HubException("This call is being recorded already.");
            }

            if (!_rooms.Available)
            {
                throw new HubException("Recording needs the media server, and it is not available right now.");
            }

            await _calls.EnsureRoutedAsync(callId);
            MediaRoom room;
            try
            {
                room = await _rooms.GetOrOpenAsync(callId, _media, CancellationToken.None);
            }
            catch (JanusException e)
            {
                throw new HubException($"Recording could not start: {e.Message}");
            }

            RecordingStart start;
            try
            {
                start = await _library.BeginAsync(call.OrganizationId, callId, who.UserId, who.DisplayName,
                    call.Participants.Select(p => ToRecorded(p.Participant)), CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // A recording of this call is still open in the database (e.g. being recovered after a restart).
                throw new HubException("This call is being recorded already; stop that recording first or try again in a moment.");
            }

            _active[callId] = new Active(start, who);
            try
            {
                await room.StartRecordingAsync(start.Folder, (memberId, _) => AddParticipantAsync(callId, start.RecordingId, memberId), CancellationToken.None);
            }
            catch (JanusException e)
            {
                _active.TryRemove(callId, out _);
                await _library.StopAsync(start.RecordingId);
                throw new HubException($"Recording could not start: {e.Message}");
            }

            LogStarted(_logger, callId, start.RecordingId);
        }
        finally
        {
            _lock.Release();
        }

        await _calls.SetRecordingAsync(callId, true);
        await AnnounceAsync(who, callId, $"● Recording started by {who.DisplayName}.");
    }

    public async Task StopAsync(HubCaller who, Guid callId)
    {
        RequireExpertInCall(who, callId);
        if (!_active.ContainsKey(callId))
        {
            throw new HubException("This call is not being recorded.");
        }

        await FinishAsync(callId, $"■ Recording stopped by {who.DisplayName}.", who);
    }

    /// Stops Janus recording (when the room still exists) and queues the conversion. Safe to call more than once.
    private async Task FinishAsync(Guid callId, string? announcement, HubCaller? by = null)
    {
        try
        {
            Active? active;
            await _lock.WaitAsync();
            try
            {
                if (!_active.TryRemove(callId, out active))
                {
                    return;
                }

                if (_rooms.Find(callId) is { } room)
                {
                    try
                    {
                        await room.StopRecordingAsync(CancellationToken.None);
                    }
                    catch (JanusException e)
                    {
                        SfuLog.MediaRequestFailed(_logger, callId, e.Message);
                    }
                }

                await _library.StopAsync(active.Start.RecordingId);
                LogStopped(_logger, callId, active.Start.RecordingId);
            }
            finally
            {
                _lock.Release();
            }

            if (_calls.Snapshot(callId) is not null)
            {
                await _calls.SetRecordingAsync(callId, false);
                if (announcement is not null)
                {
                    await AnnounceAsync(by ?? active.StartedBy, callId, announcement);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFinishFailed(_logger, e, callId);
        }
    }

    private async Task AddParticipantAsync(Guid callId, Guid recordingId, Guid memberId)
    {
        if (_calls.Snapshot(callId)?.Find(memberId) is { } member)
        {
            await _library.AddParticipantAsync(recordingId, ToRecorded(member.Participant));
        }
    }

    private async Task AnnounceAsync(HubCaller author, Guid callId, string text)
    {
        await using var scope = _scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatService>().AnnounceAsync(author, callId, text);
    }

    private CallSnapshot RequireExpertInCall(HubCaller who, Guid callId) =>
        _calls.ActiveCallOf(CallAccess.RequireExpert(who, "Only experts can record a call."), callId);

    private static RecordedParticipant ToRecorded(CallParticipant p) =>
        new(p.UserId, p.DisplayName, p.Role == UserRole.Technician, p.Role.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording {RecordingId} started")]
    private static partial void LogStarted(ILogger logger, Guid callId, Guid recordingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: recording {RecordingId} stopped; conversion queued")]
    private static partial void LogStopped(ILogger logger, Guid callId, Guid recordingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: finishing the recording failed")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, Guid callId);
}
