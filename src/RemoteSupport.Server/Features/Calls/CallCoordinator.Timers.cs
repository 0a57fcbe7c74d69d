using RemoteSupport.Contracts.Calls;

namespace RemoteSupport.Server.Features.Calls;

/// The clocks of a call: ringing without an answer becomes missed, a dropped participant has a grace period.
public sealed partial class CallCoordinator
{
    private void StartGraceTimer(LiveCall live, CallMember member)
    {
        member.GraceTimer?.Dispose();
        var callId = live.Session.Id;
        member.GraceTimer = time.CreateTimer(_ => _ = OnGraceExpiredAsync(callId, member), null, options.Value.ReconnectGrace, Timeout.InfiniteTimeSpan);
    }

    private async Task OnGraceExpiredAsync(Guid callId, CallMember member)
    {
        await _lock.WaitAsync();
        try
        {
            LiveCall? live;
            lock (_calls)
            {
                _calls.TryGetValue(callId, out live);
            }

            if (live is not null && member.Status == MemberStatus.Joined && member.Connection is null)
            {
                await LeaveLockedAsync(live, member, CallEndReason.ConnectionLost);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogTimerFailed(logger, e, callId);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task OnRingTimeoutAsync(Guid callId)
    {
        await _lock.WaitAsync();
        try
        {
            LiveCall? live;
            lock (_calls)
            {
                _calls.TryGetValue(callId, out live);
            }

            if (live?.Session.State == CallState.Ringing)
            {
                await EndLockedAsync(live, CallEndReason.Missed);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogTimerFailed(logger, e, callId);
        }
        finally
        {
            _lock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call timer for {CallId} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, Guid callId);
}
