using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

/// Start-up recovery: the calls the database says are open when the server starts.
public sealed partial class CallCoordinator
{
    /// After a restart: ringing calls cannot ring on connections that are gone, so they end; active calls keep going with
    /// everyone who was in them and wait for their participants to resume.
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = await db.CallSessions.Where(c => c.State != CallState.Ended).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            if (session.State == CallState.Ringing)
            {
                session.State = CallState.Ended;
                session.EndReason = CallEndReason.ConnectionLost;
                session.EndedAt = time.GetUtcNow();
                continue;
            }

            var users = await db.Users.AsNoTracking().Where(u => u.Id == session.CallerId || u.Id == session.CalleeId)
                .ToDictionaryAsync(u => u.Id, cancellationToken);
            var extras = await db.CallParticipations.AsNoTracking().Where(p => p.CallId == session.Id && p.LeftAt == null)
                .OrderBy(p => p.JoinedAt).ToListAsync(cancellationToken);
            var members = new List<CallMember>
            {
                new(new CallParticipant(session.CallerId, users[session.CallerId].DisplayName, users[session.CallerId].Role), MemberStatus.Joined, null),
                new(new CallParticipant(session.CalleeId, users[session.CalleeId].DisplayName, users[session.CalleeId].Role), MemberStatus.Joined, null),
            };
            members.AddRange(extras.Select(p => new CallMember(new CallParticipant(p.ParticipantId, p.DisplayName, p.Role), MemberStatus.Joined, null)));
            var live = new LiveCall { Session = session, Members = members };
            lock (_calls)
            {
                _calls[session.Id] = live;
            }

            foreach (var member in members)
            {
                StartGraceTimer(live, member);
            }

            LogCallRecovered(logger, session.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} recovered after restart; waiting for participants to resume")]
    private static partial void LogCallRecovered(ILogger logger, Guid callId);
}
