using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Collaboration;

/// Chat of a call: saved first, then relayed to the other participants' connections in the call.
public sealed class ChatService(AppDbContext db, CallCoordinator calls, IHubContext<SessionHub, ISessionClient> hub, TimeProvider time)
{
    private const int MaxListed = 1000;

    public async Task<ChatMessageInfo> SendAsync(HubCaller sender, SendChatRequest request)
    {
        var text = Validate(request.Text);
        var call = calls.Snapshot(request.CallId);
        if (call is null || call.State != CallState.Active || call.Find(sender.UserId) is null)
        {
            throw new HubException("You are not in this call.");
        }

        return await SaveAndRelayAsync(call, sender, text, except: sender.ConnectionId);
    }

    /// A line everyone in the call sees (the sender too), kept with the chat: "Recording started by …".
    public async Task AnnounceAsync(HubCaller author, Guid callId, string text)
    {
        if (calls.Snapshot(callId) is { } call)
        {
            await SaveAndRelayAsync(call, author, text, except: null);
        }
    }

    private async Task<ChatMessageInfo> SaveAndRelayAsync(CallSnapshot call, HubCaller author, string text, string? except)
    {
        var now = time.GetUtcNow();
        var message = new ChatMessage
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = call.OrganizationId,
            CallId = call.CallId,
            SenderId = author.UserId,
            SenderName = author.DisplayName,
            Text = text,
            SentAt = now,
        };
        db.ChatMessages.Add(message);
        await db.SaveChangesAsync();

        var info = message.ToInfo();
        var targets = call.Participants.Select(p => p.ConnectionId).OfType<string>().Where(c => c != except).ToList();
        if (targets.Count > 0)
        {
            await hub.Clients.Clients(targets).ChatReceived(info);
        }

        return info;
    }

    /// The chat of a call this user took part in (live or ended).
    public async Task<ChatMessageInfo[]> ListForParticipantAsync(HubCaller who, Guid callId, CancellationToken ct)
    {
        var mine = await db.CallSessions.AnyAsync(c => c.Id == callId && c.OrganizationId == who.OrganizationId
            && (c.CallerId == who.UserId || c.CalleeId == who.UserId || db.CallParticipations.Any(p => p.CallId == c.Id && p.ParticipantId == who.UserId)), ct);
        return mine ? await ListAsync(callId, ct) : throw new HubException("You are not in this call.");
    }

    /// The chat of one of the organisation's calls, or null when the organisation has no such call.
    public async Task<ChatMessageInfo[]?> ListForOrganizationAsync(Guid organizationId, Guid callId, CancellationToken ct) =>
        await db.CallSessions.AnyAsync(c => c.Id == callId && c.OrganizationId == organizationId, ct)
            ? await ListAsync(callId, ct)
            : null;

    private async Task<ChatMessageInfo[]> ListAsync(Guid callId, CancellationToken ct)
    {
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.CallId == callId)
            .OrderByDescending(m => m.SentAt).Take(MaxListed).ToListAsync(ct);
        return rows.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Select(m => m.ToInfo()).ToArray();
    }

    /// Trimmed, 1 to 1000 characters, new lines allowed (CR LF becomes LF) and no other control characters.
    public static string Validate(string? text)
    {
        var trimmed = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            throw new HubException("Write a message first.");
        }

        if (trimmed.Length > ChatMessage.MaxTextLength)
        {
            throw new HubException($"A message may have at most {ChatMessage.MaxTextLength} characters.");
        }

        if (trimmed.Any(ch => char.IsControl(ch) && ch != '\n'))
        {
            throw new HubException("A message may not contain control characters other than new lines.");
        }

        return trimmed;
    }
}
