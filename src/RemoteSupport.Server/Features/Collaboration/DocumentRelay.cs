using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Calls;

namespace RemoteSupport.Server.Features.Collaboration;

/// Documents on the glasses over the hub: the expert shows a PDF, image or video of the call full screen on the technician's
/// display and turns the PDF's pages; the glasses report the page they show back to the experts. The content itself travels
/// over HTTPS (SessionFilesApi); this only passes ids and page numbers, after checking who asks. Closing is DismissShown
/// (SnapshotRelay), as for a shown image.
public sealed class DocumentRelay(CallCoordinator calls, SnapshotRelay snapshots, IHubContext<SessionHub, ISessionClient> hub)
{
    /// More pages than any manual; a guard against nonsense numbers, not a limit of the viewer.
    public const int MaxPage = 100_000;

    public async Task ShowAsync(HubCaller expert, ShowDocument show)
    {
        var call = calls.ActiveCallOf(CallAccess.RequireExpert(expert, "Only experts can show documents on the glasses."), show.CallId);
        var file = await snapshots.FileOfCallAsync(call, show.FileId)
            ?? throw new HubException("That document is not a file of this call.");
        await hub.Clients.Clients(CallAccess.TechnicianConnections(call, "show the document"))
            .DocumentShown(new DocumentShown(call.CallId, file.Id, file.ContentType, file.DisplayName));
    }

    public Task TurnAsync(HubCaller expert, PageCommand command)
    {
        var call = calls.ActiveCallOf(CallAccess.RequireExpert(expert, "Only experts can turn the pages on the glasses."), command.CallId);
        if (command.Page is < 1 or > MaxPage)
        {
            throw new HubException("That page does not exist.");
        }

        return hub.Clients.Clients(CallAccess.TechnicianConnections(call, "turn the page"))
            .PageTurned(new PageCommand(call.CallId, command.Page, null));
    }

    public Task ReportAsync(HubCaller device, PageCommand command)
    {
        if (device.Role != UserRole.Technician)
        {
            throw new HubException("Only the technician's glasses report their page.");
        }

        var call = calls.ActiveCallOf(device, command.CallId);
        if (command.Page is < 1 or > MaxPage || command.PageCount is < 1 or > MaxPage || command.Page > command.PageCount)
        {
            throw new HubException("That page does not exist.");
        }

        var experts = call.Participants.Where(p => p.Participant.Role != UserRole.Technician)
            .Select(p => p.ConnectionId).OfType<string>().ToList();
        return experts.Count == 0
            ? Task.CompletedTask
            : hub.Clients.Clients(experts).PageTurned(command with { CallId = call.CallId });
    }
}
