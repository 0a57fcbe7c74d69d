using System.Net;
using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Collaboration;

/// The red pointer and the chat of a call, through the real hub and API.
public sealed class CollaborationHubTests
{
    private static async Task<Guid> ConnectCallAsync(CallScene scene)
    {
        var call = await scene.Expert.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false));
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);
        Next(scene.Expert.Accepted);
        return call.CallId;
    }

    private static Task PointAsync(HubClient from, Guid callId, double x, double y) =>
        from.InvokeAsync(nameof(ISessionHub.MovePointer), new PointerMove(callId, x, y));

    private static Task<ChatMessageInfo> ChatAsync(HubClient from, Guid callId, string? text) =>
        from.InvokeAsync<ChatMessageInfo>(nameof(ISessionHub.SendChat), new SendChatRequest(callId, text));

    [Fact]
    public async Task Pointer_FromExpertInActiveCall_ReachesTheTechnicianOnlyInRed()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var spare = await scene.PairGlassesAsync();
        await spare.ConnectAsync();
        var callId = await ConnectCallAsync(scene);

        await PointAsync(scene.Expert, callId, 0.25, 0.75);

        var position = Next(scene.Glasses.Pointers);
        Assert.Equal(new PointerPosition(callId, scene.ExpertId, "#ff1a1a", 0.25, 0.75), position);
        await Task.Delay(200);
        Assert.Empty(scene.Expert.Pointers);
        Assert.Empty(outsider.Pointers);
        Assert.Empty(spare.Pointers); // the technician's other device is not in the call
    }

    [Fact]
    public async Task Pointer_FromTechnicianOutsiderOrOutOfRange_IsRefusedAndRelaysNothing()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var ringing = await scene.Expert.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false));
        var notYet = await Assert.ThrowsAsync<HubException>(() => PointAsync(scene.Expert, ringing.CallId, 0.5, 0.5));
        Assert.Contains("not in this call", notYet.Message, StringComparison.Ordinal);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);
        var callId = ringing.CallId;

        var technician = await Assert.ThrowsAsync<HubException>(() => PointAsync(scene.Glasses, callId, 0.5, 0.5));
        Assert.Contains("Only experts", technician.Message, StringComparison.Ordinal);
        var stranger = await Assert.ThrowsAsync<HubException>(() => PointAsync(outsider, callId, 0.5, 0.5));
        Assert.Contains("not in this call", stranger.Message, StringComparison.Ordinal);
        foreach (var (x, y) in new[] { (1.5, 0.5), (0.5, -0.01), (double.MaxValue, 0.2) })
        {
            var range = await Assert.ThrowsAsync<HubException>(() => PointAsync(scene.Expert, callId, x, y));
            Assert.Contains("between 0 and 1", range.Message, StringComparison.Ordinal);
        }

        await Task.Delay(200);
        Assert.Empty(scene.Glasses.Pointers);
    }

    [Fact]
    public async Task Pointer_FasterThanThirtyASecond_ExtrasAreMergedAndTheLatestArrives()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await ConnectCallAsync(scene);

        // Ten moves in the same instant (the clock is fake and stands still): the first goes out at once...
        for (var i = 1; i <= 10; i++)
        {
            await PointAsync(scene.Expert, callId, i / 10.0, 0.5);
        }

        Assert.Equal(0.1, Next(scene.Glasses.Pointers).X);
        await Task.Delay(300);
        Assert.Empty(scene.Glasses.Pointers);

        // ...and when the 1/30 s interval ends, only the latest of the others follows.
        scene.Factory.Time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(1.0, Next(scene.Glasses.Pointers).X);
        await Task.Delay(300);
        Assert.Empty(scene.Glasses.Pointers);

        // After a pause a move goes out at once again.
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await PointAsync(scene.Expert, callId, 0.3, 0.3);
        Assert.Equal(0.3, Next(scene.Glasses.Pointers).X);
    }

    [Fact]
    public async Task Chat_Sent_IsSavedRelayedAsPlainTextAndListedAfterTheCall()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await ConnectCallAsync(scene);

        var sent = await ChatAsync(scene.Expert, callId, "  Check the valve <b>now</b>  ");
        Assert.Equal("Check the valve <b>now</b>", sent.Text);
        Assert.Equal("Ada Lovelace", sent.SenderName);
        Assert.Equal(sent, Next(scene.Glasses.Chat));

        scene.Factory.Time.Advance(TimeSpan.FromSeconds(1));
        var reply = await ChatAsync(scene.Glasses, callId, "Line one\r\nline two");
        Assert.Equal("Line one\nline two", reply.Text);
        Assert.Equal(reply, Next(scene.Expert.Chat));
        Assert.Empty(scene.Expert.Chat);

        var reloaded = await scene.Glasses.InvokeAsync<ChatMessageInfo[]>(nameof(ISessionHub.GetChat), callId);
        Assert.Equal([sent.Id, reply.Id], reloaded.Select(m => m.Id));

        await scene.Expert.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        var kept = await scene.Expert.Http.GetJsonAsync<ChatMessageInfo[]>($"/api/calls/{callId}/chat");
        Assert.Equal(["Check the valve <b>now</b>", "Line one\nline two"], kept.Select(m => m.Text));
    }

    [Fact]
    public async Task Chat_EmptyTooLongControlCharactersOrOutsider_IsRefusedAndNothingIsSaved()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var callId = await ConnectCallAsync(scene);

        foreach (var (text, expected) in new[]
        {
            ("   ", "Write a message"),
            (null, "Write a message"),
            (new string('a', 1001), "at most 1000"),
            ("bell\u0007", "control characters"),
        })
        {
            var error = await Assert.ThrowsAsync<HubException>(() => ChatAsync(scene.Expert, callId, text));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        var stranger = await Assert.ThrowsAsync<HubException>(() => ChatAsync(outsider, callId, "hello"));
        Assert.Contains("not in this call", stranger.Message, StringComparison.Ordinal);
        var peek = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ChatMessageInfo[]>(nameof(ISessionHub.GetChat), callId));
        Assert.Contains("not in this call", peek.Message, StringComparison.Ordinal);

        await Task.Delay(200);
        Assert.Empty(scene.Glasses.Chat);
        Assert.Empty(await scene.Expert.Http.GetJsonAsync<ChatMessageInfo[]>($"/api/calls/{callId}/chat"));

        var longest = await ChatAsync(scene.Expert, callId, new string('a', 1000));
        Assert.Equal(1000, Next(scene.Glasses.Chat).Text.Length);
        Assert.Equal(1000, longest.Text.Length);
    }

    [Fact]
    public async Task ChatApi_AnotherOrganisationsCallOrADevice_IsNotShown()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await ConnectCallAsync(scene);
        await ChatAsync(scene.Expert, callId, "Secret plant detail");

        const string initial = "copper meadow whistles at noon";
        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", initial)))
        {
            await created.ReadAsync<OrganizationResponse>(HttpStatusCode.Created);
        }

        var nora = scene.NewClient();
        await nora.Http.SignInAsync("nora@northwind.test", initial);
        await nora.Http.ChangePasswordAsync(initial, "granite pelican under seventeen lanterns");
        using var theirs = await nora.Http.GetAsync($"/api/calls/{callId}/chat");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain("Secret", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await scene.Expert.Http.GetAsync($"/api/calls/{Guid.NewGuid()}/chat");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The glasses read the chat through the hub (GetChat), not the experts' API.
        using var device = await scene.Glasses.Http.GetAsync($"/api/calls/{callId}/chat");
        Assert.NotEqual(HttpStatusCode.OK, device.StatusCode);
    }
}
