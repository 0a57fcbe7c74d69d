using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.SessionFiles;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Collaboration;

/// The snapshot round trip over the hub: the expert asks the glasses for a still, a participant announces an image they
/// uploaded, the expert shows an image on the glasses and anyone in the call takes it down. The pictures themselves travel
/// over HTTPS (SessionFilesApi); this only passes ids, after checking that they are files of this call.
public sealed class SnapshotRelay(CallCoordinator calls, AppDbContext db, IHubContext<SessionHub, ISessionClient> hub)
{
    public Task RequestAsync(HubCaller expert, Guid callId)
    {
        var call = calls.ActiveCallOf(CallAccess.RequireExpert(expert, "Only experts can ask for a snapshot."), callId);
        return hub.Clients.Clients(CallAccess.TechnicianConnections(call, "take a snapshot")).SnapshotRequested(call.CallId);
    }

    public async Task AnnounceAsync(HubCaller who, FileAnnouncement announcement)
    {
        var call = calls.ActiveCallOf(who, announcement.CallId);
        var file = await FileOfCallAsync(call, announcement.FileId);
        if (file is null || file.Kind != announcement.Kind)
        {
            throw new HubException("That file is not a file of this call.");
        }

        var targets = call.Participants.Select(p => p.ConnectionId).OfType<string>().Where(c => c != who.ConnectionId).ToList();
        if (targets.Count > 0)
        {
            await hub.Clients.Clients(targets).FileShared(announcement with { CallId = call.CallId });
        }
    }

    public async Task ShowAsync(HubCaller expert, ShowImage show)
    {
        var call = calls.ActiveCallOf(CallAccess.RequireExpert(expert, "Only experts can show images on the glasses."), show.CallId);
        var file = await FileOfCallAsync(call, show.FileId);
        if (file is null || !file.IsImage)
        {
            throw new HubException("That image is not an image of this call.");
        }

        await hub.Clients.Clients(CallAccess.TechnicianConnections(call, "show the image")).ShowImage(new ShowImage(call.CallId, file.Id));
    }

    public Task DismissAsync(HubCaller who, Guid callId)
    {
        var call = calls.ActiveCallOf(who, callId);
        var targets = call.Participants.Select(p => p.ConnectionId).OfType<string>().ToList();
        return targets.Count == 0 ? Task.CompletedTask : hub.Clients.Clients(targets).ShownDismissed(call.CallId);
    }

    /// The file, when it is one of this call's (same organisation, same call); null otherwise. An unknown id and another
    /// call's file look the same to the caller.
    internal Task<SessionFile?> FileOfCallAsync(CallSnapshot call, Guid fileId) =>
        db.SessionFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fileId && f.CallId == call.CallId && f.OrganizationId == call.OrganizationId);
}
