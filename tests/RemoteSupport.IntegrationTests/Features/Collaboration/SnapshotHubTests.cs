using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using SkiaSharp;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Collaboration;

/// The snapshot round trip over the hub: request, announce, show, dismiss — with the uploads through the real API.
public sealed class SnapshotHubTests
{
    private static byte[] Jpeg => TestMedia.Image(320, 240, SKEncodedImageFormat.Jpeg);

    private static Task<SessionFileInfo> UploadAsync(HubClient from, Guid callId, string query) =>
        from.Http.UploadOkAsync($"/api/calls/{callId}/files?{query}", Jpeg, "s.jpg");

    private static async Task AssertQuietAsync(params System.Collections.ICollection[] inboxes)
    {
        await Task.Delay(200);
        foreach (var inbox in inboxes)
        {
            Assert.Empty(inbox);
        }
    }

    [Fact]
    public async Task Snapshot_RequestUploadAnnounceShowDismiss_ReachesTheRightConnections()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var spare = await scene.PairGlassesAsync();
        await spare.ConnectAsync();
        var callId = await scene.StartActiveCallAsync();

        await scene.Expert.InvokeAsync(nameof(ISessionHub.RequestSnapshot), callId);
        Assert.Equal(callId, Next(scene.Glasses.SnapshotRequests));

        var snapshot = await UploadAsync(scene.Glasses, callId, "kind=Snapshot");
        var announced = new FileAnnouncement(callId, snapshot.Id, SessionFileKind.Snapshot);
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.AnnounceFile), announced);
        Assert.Equal(announced, Next(scene.Expert.FilesShared));

        var annotated = await UploadAsync(scene.Expert, callId, $"kind=AnnotatedImage&sourceFileId={snapshot.Id}");
        await scene.Expert.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(callId, annotated.Id));
        Assert.Equal(new ShowImage(callId, annotated.Id), Next(scene.Glasses.Shown));

        await scene.Glasses.InvokeAsync(nameof(ISessionHub.DismissShown), callId);
        Assert.Equal(callId, Next(scene.Expert.ShownDismissed));
        Assert.Equal(callId, Next(scene.Glasses.ShownDismissed));

        // The technician's own photo reaches the expert the same way.
        var photo = await UploadAsync(scene.Glasses, callId, "kind=Photo");
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.AnnounceFile), new FileAnnouncement(callId, photo.Id, SessionFileKind.Photo));
        Assert.Equal(photo.Id, Next(scene.Expert.FilesShared).FileId);

        await AssertQuietAsync(scene.Expert.SnapshotRequests, scene.Glasses.FilesShared, scene.Expert.Shown,
            outsider.SnapshotRequests, outsider.FilesShared, outsider.Shown, outsider.ShownDismissed,
            spare.SnapshotRequests, spare.FilesShared, spare.Shown, spare.ShownDismissed);
    }

    [Fact]
    public async Task Snapshot_TechnicianOrOutsiderAsksOrShows_IsRefusedAndRelaysNothing()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var callId = await scene.StartActiveCallAsync();
        var snapshot = await UploadAsync(scene.Glasses, callId, "kind=Snapshot");

        var technicianAsks = await Assert.ThrowsAsync<HubException>(() => scene.Glasses.InvokeAsync(nameof(ISessionHub.RequestSnapshot), callId));
        Assert.Contains("Only experts", technicianAsks.Message, StringComparison.Ordinal);
        var technicianShows = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(callId, snapshot.Id)));
        Assert.Contains("Only experts", technicianShows.Message, StringComparison.Ordinal);

        foreach (var attempt in new Func<Task>[]
        {
            () => outsider.InvokeAsync(nameof(ISessionHub.RequestSnapshot), callId),
            () => outsider.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(callId, snapshot.Id)),
            () => outsider.InvokeAsync(nameof(ISessionHub.AnnounceFile), new FileAnnouncement(callId, snapshot.Id, SessionFileKind.Snapshot)),
            () => outsider.InvokeAsync(nameof(ISessionHub.DismissShown), callId),
            () => scene.Expert.InvokeAsync(nameof(ISessionHub.RequestSnapshot), Guid.NewGuid()),
        })
        {
            var error = await Assert.ThrowsAsync<HubException>(attempt);
            Assert.Contains("not in this call", error.Message, StringComparison.Ordinal);
        }

        await AssertQuietAsync(scene.Glasses.SnapshotRequests, scene.Glasses.Shown, scene.Glasses.ShownDismissed, scene.Expert.FilesShared);

        // After the call nothing more is relayed, not even by its participants.
        await scene.Expert.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        var ended = await Assert.ThrowsAsync<HubException>(() => scene.Expert.InvokeAsync(nameof(ISessionHub.RequestSnapshot), callId));
        Assert.Contains("not in this call", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_AnnouncedOrShownFileOfAnotherCallUnknownOrWrongKind_IsRefused()
    {
        await using var scene = await CallScene.CreateAsync();
        var firstCall = await scene.StartActiveCallAsync();
        var earlier = await UploadAsync(scene.Glasses, firstCall, "kind=Snapshot");
        var document = await scene.Expert.Http.UploadOkAsync($"/api/calls/{firstCall}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf");
        await scene.Expert.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(firstCall, earlier.Id));
        Next(scene.Glasses.Shown);

        var notAnImage = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(firstCall, document.Id)));
        Assert.Contains("not an image of this call", notAnImage.Message, StringComparison.Ordinal);
        var wrongKind = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.AnnounceFile), new FileAnnouncement(firstCall, earlier.Id, SessionFileKind.Photo)));
        Assert.Contains("not a file of this call", wrongKind.Message, StringComparison.Ordinal);

        await scene.Expert.InvokeAsync(nameof(ISessionHub.HangUp), firstCall);
        Next(scene.Glasses.Ended);
        var secondCall = await scene.StartActiveCallAsync();

        foreach (var fileId in new[] { earlier.Id, Guid.NewGuid() })
        {
            var announce = await Assert.ThrowsAsync<HubException>(() =>
                scene.Glasses.InvokeAsync(nameof(ISessionHub.AnnounceFile), new FileAnnouncement(secondCall, fileId, SessionFileKind.Snapshot)));
            Assert.Contains("not a file of this call", announce.Message, StringComparison.Ordinal);
            var show = await Assert.ThrowsAsync<HubException>(() =>
                scene.Expert.InvokeAsync(nameof(ISessionHub.ShowOnGlasses), new ShowImage(secondCall, fileId)));
            Assert.Contains("not an image of this call", show.Message, StringComparison.Ordinal);
        }

        await AssertQuietAsync(scene.Expert.FilesShared, scene.Glasses.Shown);
    }
}
