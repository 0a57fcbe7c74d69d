using Microsoft.AspNetCore.SignalR;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Calls;

/// The call state machine through the real hub: ringing → active → ended, with its races.
public sealed class CallHubTests
{
    private static Task<CallInfo> CallAsync(HubClient from, Guid to) =>
        from.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(to, false));

    [Fact]
    public async Task Call_AnsweredThenHungUp_BothSidesFollowAndHistoryKeepsIt()
    {
        await using var scene = await CallScene.CreateAsync();
        var ringing = await CallAsync(scene.Expert, scene.TechnicianId);
        Assert.Equal(CallState.Ringing, ringing.State);

        var incoming = Next(scene.Glasses.Incoming);
        Assert.Equal(ringing.CallId, incoming.CallId);
        Assert.Equal("Ada Lovelace", incoming.Caller.DisplayName);

        var answered = await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), ringing.CallId);
        Assert.False(answered.IsOfferer);
        Assert.Equal(CallState.Active, answered.Call.State);
        var accepted = Next(scene.Expert.Accepted);
        Assert.True(accepted.IsOfferer);

        // Signals reach the other participant only.
        await scene.Expert.InvokeAsync(nameof(ISessionHub.SendSignal), new SignalMessage(ringing.CallId, SignalKind.Offer, "v=0 offer"));
        var offer = Next(scene.Glasses.Signals);
        Assert.Equal(SignalKind.Offer, offer.Kind);
        Assert.Equal("v=0 offer", offer.Payload);
        Assert.Empty(scene.Expert.Signals);

        scene.Factory.Time.Advance(TimeSpan.FromSeconds(30));
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), ringing.CallId);
        Assert.Equal(CallEndReason.HungUp, Next(scene.Expert.Ended).EndReason);
        Assert.Equal(CallEndReason.HungUp, Next(scene.Glasses.Ended).EndReason);

        var history = await scene.Expert.Http.GetJsonAsync<CallHistoryEntry[]>("/api/calls");
        var entry = Assert.Single(history);
        Assert.Equal(CallEndReason.HungUp, entry.EndReason);
        Assert.Equal(30, entry.DurationSeconds);
        Assert.Equal(scene.TechnicianId, entry.Callee.UserId);

        var audit = await scene.Expert.Http.GetJsonAsync<RemoteSupport.Contracts.Audit.AuditEventResponse[]>("/api/audit");
        Assert.Contains(audit, a => a.Action == "call.started");
        Assert.Contains(audit, a => a.Action == "call.ended" && a.Details == "HungUp");
    }

    [Fact]
    public async Task Call_AnsweredOnTwoDevicesAtOnce_OneWinsAndTheOtherStopsRinging()
    {
        await using var scene = await CallScene.CreateAsync();
        var second = await scene.PairGlassesAsync();
        await second.ConnectAsync();
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        Next(scene.Glasses.Incoming);
        Next(second.Incoming);

        var answers = await Task.WhenAll(
            TryAsync(() => scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId)),
            TryAsync(() => second.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId)));

        Assert.Single(answers, a => a is null);
        var loserError = Assert.Single(answers, a => a is not null);
        Assert.Contains("already answered", loserError!.Message, StringComparison.Ordinal);
        var loser = answers[0] is null ? second : scene.Glasses;
        var stopped = Next(loser.Ended);
        Assert.Equal(CallState.Active, stopped.State);
        Assert.Equal(CallEndReason.None, stopped.EndReason);
        Next(scene.Expert.Accepted);
    }

    [Fact]
    public async Task Call_CancelCrossingAnswer_ExactlyOneHappens()
    {
        await using var scene = await CallScene.CreateAsync();
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        Next(scene.Glasses.Incoming);

        var results = await Task.WhenAll(
            TryAsync(() => scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId)),
            TryAsync(() => scene.Expert.InvokeAsync<object>(nameof(ISessionHub.CancelCall), call.CallId)));

        Assert.Single(results, r => r is null);
        var history = await scene.Expert.Http.GetJsonAsync<CallHistoryEntry[]>("/api/calls");
        var entry = Assert.Single(history);
        if (results[0] is null)
        {
            Assert.Equal(CallEndReason.None, entry.EndReason);
            Assert.NotNull(entry.AnsweredAt);
        }
        else
        {
            Assert.Equal(CallEndReason.Cancelled, entry.EndReason);
            Assert.Equal(CallEndReason.Cancelled, Next(scene.Glasses.Ended).EndReason);
        }
    }

    [Fact]
    public async Task Call_Declined_CallerIsTold()
    {
        await using var scene = await CallScene.CreateAsync();
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        Next(scene.Glasses.Incoming);
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.DeclineCall), call.CallId);
        Assert.Equal(CallEndReason.Declined, Next(scene.Expert.Ended).EndReason);
    }

    [Fact]
    public async Task Call_NotAnsweredWithinRingTimeout_IsMissedForBoth()
    {
        await using var scene = await CallScene.CreateAsync();
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        Next(scene.Glasses.Incoming);
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(46));
        Assert.Equal(CallEndReason.Missed, Next(scene.Expert.Ended).EndReason);
        Assert.Equal(CallEndReason.Missed, Next(scene.Glasses.Ended).EndReason);
        var error = await Assert.ThrowsAsync<HubException>(() => scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId));
        Assert.Contains("ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_TechnicianAlreadyInACall_SecondCallerGetsBusy()
    {
        await using var scene = await CallScene.CreateAsync();
        var (other, _) = await scene.AddExpertAsync("Bob Expert", "bob@contoso.test");
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);

        var busy = await CallAsync(other, scene.TechnicianId);
        Assert.Equal(CallState.Ended, busy.State);
        Assert.Equal(CallEndReason.Busy, busy.EndReason);
        Assert.Equal(CallEndReason.Busy, Next(other.Ended).EndReason);
        Assert.Empty(scene.Glasses.Incoming);
        Assert.NotEqual(call.CallId, busy.CallId);
    }

    [Fact]
    public async Task Signal_FromOutsiderOrMalformedOrOversized_IsRefusedAndRelaysNothing()
    {
        await using var scene = await CallScene.CreateAsync();
        var (outsider, _) = await scene.AddExpertAsync("Olga Outsider", "olga@contoso.test");
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);

        var notMine = await Assert.ThrowsAsync<HubException>(() =>
            outsider.InvokeAsync(nameof(ISessionHub.SendSignal), new SignalMessage(call.CallId, SignalKind.Offer, "v=0")));
        Assert.Contains("not in this call", notMine.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.SendSignal), new SignalMessage(call.CallId, SignalKind.Offer, "")));
        Assert.Contains("payload", empty.Message, StringComparison.Ordinal);
        var huge = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.SendSignal), new SignalMessage(call.CallId, SignalKind.Offer, new string('a', 40_000))));
        Assert.Contains("at most", huge.Message, StringComparison.Ordinal);
        var unknownKind = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.SendSignal), new SignalMessage(call.CallId, (SignalKind)42, "x")));
        Assert.Contains("kind", unknownKind.Message, StringComparison.Ordinal);

        await Task.Delay(200);
        Assert.Empty(scene.Glasses.Signals);
    }

    [Fact]
    public async Task Call_OfflineOrOtherOrganisationCallee_IsRefusedWithAMessage()
    {
        await using var scene = await CallScene.CreateAsync();
        var offline = await scene.Expert.Http.CreateUserAsync("Otto Offline", "otto@contoso.test", RemoteSupport.Contracts.Accounts.UserRole.Technician);
        var error = await Assert.ThrowsAsync<HubException>(() => CallAsync(scene.Expert, offline.Id));
        Assert.Contains("Otto Offline is offline", error.Message, StringComparison.Ordinal);

        var stranger = await Assert.ThrowsAsync<HubException>(() => CallAsync(scene.Expert, Guid.NewGuid()));
        Assert.Contains("not found", stranger.Message, StringComparison.Ordinal);
        Assert.Empty(await scene.Expert.Http.GetJsonAsync<CallHistoryEntry[]>("/api/calls"));
    }

    [Fact]
    public async Task Call_ParticipantDropsAndResumes_CallContinues_OrEndsAfterGrace()
    {
        await using var scene = await CallScene.CreateAsync();
        var call = await CallAsync(scene.Expert, scene.TechnicianId);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);

        // The glasses lose their connection: the expert hears it may come back.
        await scene.Glasses.Connection!.StopAsync();
        Assert.Equal(call.CallId, Next(scene.Expert.PeerReconnecting));

        // They come back within the grace period (a reload or a new network) and pick the call up.
        await scene.Glasses.ConnectAsync();
        var resumed = await scene.Glasses.InvokeAsync<CallConnection?>(nameof(ISessionHub.ResumeCall));
        Assert.NotNull(resumed);
        Assert.Equal(call.CallId, resumed.Call.CallId);
        Assert.False(resumed.IsOfferer);
        Assert.Equal(call.CallId, Next(scene.Expert.PeerResumed));

        // Then they drop for good: after the grace period the call ends as lost.
        await scene.Glasses.Connection!.StopAsync();
        Next(scene.Expert.PeerReconnecting);
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(CallEndReason.ConnectionLost, Next(scene.Expert.Ended).EndReason);
    }

    [Fact]
    public async Task Presence_ContactsShowOnlineBusyOffline()
    {
        await using var scene = await CallScene.CreateAsync();
        var contacts = await scene.Expert.InvokeAsync<Contact[]>(nameof(ISessionHub.GetContacts));
        Assert.Equal(PresenceStatus.Online, Assert.Single(contacts, c => c.UserId == scene.TechnicianId).Status);

        // The glasses only list experts.
        var seenByGlasses = await scene.Glasses.InvokeAsync<Contact[]>(nameof(ISessionHub.GetContacts));
        Assert.All(seenByGlasses, c => Assert.NotEqual(RemoteSupport.Contracts.Accounts.UserRole.Technician, c.Role));
        Assert.Contains(seenByGlasses, c => c.UserId == scene.ExpertId && c.Status == PresenceStatus.Online);

        await CallAsync(scene.Expert, scene.TechnicianId);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), Next(scene.Glasses.Incoming).CallId);
        contacts = await scene.Expert.InvokeAsync<Contact[]>(nameof(ISessionHub.GetContacts));
        Assert.Equal(PresenceStatus.Busy, Assert.Single(contacts, c => c.UserId == scene.TechnicianId).Status);

        await scene.Glasses.Connection!.StopAsync();
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(61));
        Next(scene.Expert.Ended);
        contacts = await scene.Expert.InvokeAsync<Contact[]>(nameof(ISessionHub.GetContacts));
        Assert.Equal(PresenceStatus.Offline, Assert.Single(contacts, c => c.UserId == scene.TechnicianId).Status);
    }

    [Fact]
    public async Task Call_TechnicianCallsFirstAvailableExpert_ExpertRings()
    {
        await using var scene = await CallScene.CreateAsync();
        var call = await scene.Glasses.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(null, true));
        Assert.Equal(scene.ExpertId, call.Callee.UserId);
        Assert.Equal(call.CallId, Next(scene.Expert.Incoming).CallId);
    }

    private static async Task<Exception?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (HubException e)
        {
            return e;
        }
    }
}
