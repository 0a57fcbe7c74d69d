using System.Net;
using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Collaboration;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Collaboration;

/// Documents on the glasses over the hub: show, turn pages both ways, close — experts only, files of the call only.
public sealed class DocumentHubTests
{
    private static async Task AssertQuietAsync(params System.Collections.ICollection[] inboxes)
    {
        await Task.Delay(200);
        foreach (var inbox in inboxes)
        {
            Assert.Empty(inbox);
        }
    }

    [Fact]
    public async Task Document_ShowTurnReportDismiss_ReachesTheRightConnections()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var callId = await scene.StartActiveCallAsync();

        var pdf = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "Manual.pdf");
        await scene.Expert.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(callId, pdf.Id));
        Assert.Equal(new DocumentShown(callId, pdf.Id, "application/pdf", "Manual.pdf"), Next(scene.Glasses.DocumentsShown));

        await scene.Glasses.InvokeAsync(nameof(ISessionHub.ReportPage), new PageCommand(callId, 1, 3));
        Assert.Equal(new PageCommand(callId, 1, 3), Next(scene.Expert.PagesTurned));

        await scene.Expert.InvokeAsync(nameof(ISessionHub.TurnPage), new PageCommand(callId, 2, 99));
        Assert.Equal(new PageCommand(callId, 2, null), Next(scene.Glasses.PagesTurned));

        // A library document reaches the call as a copy, which can then be shown; videos go the same way.
        var document = await scene.Expert.Http.UploadOkAsync("/api/library/documents", TestMedia.Mp4(), "Clip.mp4");
        using (var copy = await scene.Expert.Http.PostAsync($"/api/calls/{callId}/files/from-library/{document.Id}", null))
        {
            var shared = await copy.ReadAsync<SessionFileInfo>(HttpStatusCode.Created);
            await scene.Expert.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(callId, shared.Id));
            Assert.Equal(new DocumentShown(callId, shared.Id, "video/mp4", "Clip.mp4"), Next(scene.Glasses.DocumentsShown));
        }

        await scene.Glasses.InvokeAsync(nameof(ISessionHub.DismissShown), callId);
        Assert.Equal(callId, Next(scene.Expert.ShownDismissed));
        Assert.Equal(callId, Next(scene.Glasses.ShownDismissed));

        await AssertQuietAsync(scene.Expert.DocumentsShown, scene.Glasses.PagesTurned, scene.Expert.PagesTurned,
            outsider.DocumentsShown, outsider.PagesTurned, outsider.ShownDismissed);
    }

    [Fact]
    public async Task Document_TechnicianOrOutsiderShowsOrTurns_IsRefusedAndRelaysNothing()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var callId = await scene.StartActiveCallAsync();
        var pdf = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf");

        var technicianShows = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(callId, pdf.Id)));
        Assert.Contains("Only experts", technicianShows.Message, StringComparison.Ordinal);
        var technicianTurns = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.TurnPage), new PageCommand(callId, 2, null)));
        Assert.Contains("Only experts", technicianTurns.Message, StringComparison.Ordinal);
        var expertReports = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.ReportPage), new PageCommand(callId, 2, 3)));
        Assert.Contains("Only the technician", expertReports.Message, StringComparison.Ordinal);

        foreach (var attempt in new Func<Task>[]
        {
            () => outsider.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(callId, pdf.Id)),
            () => outsider.InvokeAsync(nameof(ISessionHub.TurnPage), new PageCommand(callId, 2, null)),
            () => scene.Expert.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(Guid.NewGuid(), pdf.Id)),
        })
        {
            var error = await Assert.ThrowsAsync<HubException>(attempt);
            Assert.Contains("not in this call", error.Message, StringComparison.Ordinal);
        }

        foreach (var (page, count) in new (int, int?)[] { (0, 3), (4, 3), (1, 0), (DocumentRelay.MaxPage + 1, null) })
        {
            var report = await Assert.ThrowsAsync<HubException>(() =>
                scene.Glasses.InvokeAsync(nameof(ISessionHub.ReportPage), new PageCommand(callId, page, count ?? page)));
            Assert.Contains("does not exist", report.Message, StringComparison.Ordinal);
        }

        var pageZero = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.TurnPage), new PageCommand(callId, 0, null)));
        Assert.Contains("does not exist", pageZero.Message, StringComparison.Ordinal);

        await AssertQuietAsync(scene.Glasses.DocumentsShown, scene.Glasses.PagesTurned, scene.Expert.PagesTurned);

        await scene.Expert.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        var ended = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(callId, pdf.Id)));
        Assert.Contains("not in this call", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_OfAnotherCallLibraryOrUnknown_IsRefused()
    {
        await using var scene = await CallScene.CreateAsync();
        var firstCall = await scene.StartActiveCallAsync();
        var earlier = await scene.Expert.Http.UploadOkAsync($"/api/calls/{firstCall}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf");
        await scene.Expert.InvokeAsync(nameof(ISessionHub.HangUp), firstCall);
        Next(scene.Glasses.Ended);

        var libraryDocument = await scene.Expert.Http.UploadOkAsync("/api/library/documents", TestMedia.Pdf(1000), "b.pdf");
        var secondCall = await scene.StartActiveCallAsync();

        // A library document must be copied to the call first (POST .../from-library/{id}).
        foreach (var fileId in new[] { earlier.Id, libraryDocument.Id, Guid.NewGuid() })
        {
            var show = await Assert.ThrowsAsync<HubException>(() =>
                scene.Expert.InvokeAsync(nameof(ISessionHub.ShowDocument), new ShowDocument(secondCall, fileId)));
            Assert.Contains("not a file of this call", show.Message, StringComparison.Ordinal);
        }

        await AssertQuietAsync(scene.Glasses.DocumentsShown);
    }
}
