using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Server.Features.Sfu;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Calls;

/// ROUTED calls through the real managed Janus: the server relays SDP and candidates by our own stream ids, and refuses
/// ids that are not the caller's, recording by non-experts, and invitations without a media server.
public sealed class RoutedHubTests
{
    /// A browser-like offer (one Opus and one VP8 stream, sendonly): enough for Janus to answer.
    private const string Offer = """
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=msid-semantic: WMS stream
        m=audio 9 UDP/TLS/RTP/SAVPF 111
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Hk2b
        a=ice-pwd:cJ8kdsLOwpCxZq3Y0M9Q2hTv
        a=ice-options:trickle
        a=fingerprint:sha-256 9E:3A:5C:11:8B:45:7D:2F:6A:0C:33:AB:91:CD:EF:12:34:56:78:9A:BC:DE:F0:11:22:33:44:55:66:77:88:99
        a=setup:actpass
        a=mid:0
        a=sendonly
        a=msid:stream audio0
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=fmtp:111 minptime=10;useinbandfec=1
        a=ssrc:1111 cname:test
        m=video 9 UDP/TLS/RTP/SAVPF 96
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Hk2b
        a=ice-pwd:cJ8kdsLOwpCxZq3Y0M9Q2hTv
        a=ice-options:trickle
        a=fingerprint:sha-256 9E:3A:5C:11:8B:45:7D:2F:6A:0C:33:AB:91:CD:EF:12:34:56:78:9A:BC:DE:F0:11:22:33:44:55:66:77:88:99
        a=setup:actpass
        a=mid:1
        a=sendonly
        a=msid:stream video0
        a=rtcp-mux
        a=rtpmap:96 VP8/90000
        a=ssrc:2222 cname:test

        """;

    private const string Candidate = """{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host","sdpMid":"0","sdpMLineIndex":0}""";

    private static Task<CallScene> RoutedSceneAsync() => CallScene.CreateAsync(
        ("Janus:Mode", "Managed"),
        ("Janus:WebSocketPort", FreePort()),
        ("Janus:RtpPortRange", "31000-31499"));

    private static async Task<CallConnection> ConnectRoutedAsync(CallScene scene)
    {
        await WaitForMediaServerAsync(scene);
        using (var response = await scene.Expert.Http.PutAsJsonAsync("/api/organization/settings",
            new UpdateOrganizationSettingsRequest(null, null, null, null, null, CallMode.Routed), Api.Json))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var call = await scene.Expert.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false));
        Next(scene.Glasses.Incoming);
        var connection = await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId);
        Assert.Equal(CallMode.Routed, connection.Call.Mode);
        return connection;
    }

    [Fact]
    public async Task PublishMedia_InARoutedCall_JanusAnswersUnderOurOwnStreamId()
    {
        await using var scene = await RoutedSceneAsync();
        var connection = await ConnectRoutedAsync(scene);

        var answer = await scene.Glasses.InvokeAsync<MediaAnswer>(nameof(ISessionHub.PublishMedia), new PublishRequest(connection.Call.CallId, Offer));

        Assert.StartsWith("v=0", answer.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=recvonly", answer.Sdp, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, answer.StreamId);
        // The technician's own candidates go to its own stream.
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(connection.Call.CallId, answer.StreamId, Candidate));
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(connection.Call.CallId, answer.StreamId, null));
    }

    [Fact]
    public async Task ForgedOrForeignStreamIds_AreRefused_AndTheOwnerKeepsPublishing()
    {
        await using var scene = await RoutedSceneAsync();
        var connection = await ConnectRoutedAsync(scene);
        var callId = connection.Call.CallId;
        var technicians = await scene.Glasses.InvokeAsync<MediaAnswer>(nameof(ISessionHub.PublishMedia), new PublishRequest(callId, Offer));

        var forged = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(callId, Guid.NewGuid(), Candidate)));
        Assert.Contains("not yours", forged.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(callId, technicians.StreamId, Candidate)));
        Assert.Contains("not yours", foreign.Message, StringComparison.Ordinal);
        var answer = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.AnswerMedia), new MediaAnswer(callId, technicians.StreamId, Offer)));
        Assert.Contains("not yours", answer.Message, StringComparison.Ordinal);
        var notCandidate = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(callId, technicians.StreamId, """{"janus":"trickle","handle_id":1}""")));
        Assert.Contains("RTCIceCandidateInit", notCandidate.Message, StringComparison.Ordinal);
        var notSdp = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync<MediaAnswer>(nameof(ISessionHub.PublishMedia), new PublishRequest(callId, "{\"janus\":\"message\"}")));
        Assert.Contains("SDP", notSdp.Message, StringComparison.Ordinal);

        // Nothing changed: the technician's stream still takes its candidates.
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.SendMediaCandidate), new MediaCandidate(callId, technicians.StreamId, Candidate));
    }

    [Fact]
    public async Task StartRecording_ByTheTechnician_IsRefused_AndTheCallIsNotRecorded()
    {
        await using var scene = await RoutedSceneAsync();
        var connection = await ConnectRoutedAsync(scene);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            scene.Glasses.InvokeAsync(nameof(ISessionHub.StartRecording), connection.Call.CallId));

        Assert.Contains("Only experts", refused.Message, StringComparison.Ordinal);
        Assert.Empty(scene.Expert.Updated);
        Assert.Empty(scene.Expert.Chat);
    }

    [Fact]
    public async Task StartAndStopRecording_ByTheExpert_EveryoneSeesTheLightAndTheChatLine()
    {
        await using var scene = await RoutedSceneAsync();
        var connection = await ConnectRoutedAsync(scene);
        var callId = connection.Call.CallId;
        await scene.Glasses.InvokeAsync<MediaAnswer>(nameof(ISessionHub.PublishMedia), new PublishRequest(callId, Offer));

        await scene.Expert.InvokeAsync(nameof(ISessionHub.StartRecording), callId);
        Assert.True(Next(scene.Glasses.Updated).Recording);
        Assert.Contains("Recording started by", Next(scene.Glasses.Chat).Text, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<HubException>(() => scene.Expert.InvokeAsync(nameof(ISessionHub.StartRecording), callId));
        Assert.Contains("already", again.Message, StringComparison.Ordinal);

        await scene.Expert.InvokeAsync(nameof(ISessionHub.StopRecording), callId);
        Assert.False(Next(scene.Glasses.Updated).Recording);
        Assert.Contains("Recording stopped by", Next(scene.Glasses.Chat).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_NotAnsweredInTime_StopsRinging_AndTheInviterHearsIt()
    {
        await using var scene = await RoutedSceneAsync();
        var (bob, bobId) = await scene.AddExpertAsync("Bob Builder", "bob@contoso.test");
        var connection = await ConnectRoutedAsync(scene);
        var callId = connection.Call.CallId;

        await scene.Expert.InvokeAsync(nameof(ISessionHub.InviteToCall), new InviteRequest(callId, bobId));
        Assert.Equal(callId, Next(bob.Incoming).CallId);
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(46));

        Assert.Equal(CallEndReason.Missed, Next(bob.Ended).EndReason);
        var outcome = Next(scene.Expert.Invitations);
        Assert.Equal(CallEndReason.Missed, outcome.Reason);
        Assert.Equal(bobId, outcome.Invitee.UserId);
        // The call goes on with the two it had.
        var answered = await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), callId));
        Assert.Contains("ended or is not yours", answered.Message, StringComparison.Ordinal);
        Assert.Empty(scene.Glasses.Ended);
    }

    [Fact]
    public async Task InviteToCall_WithoutAMediaServer_IsRefusedWithAClearMessage()
    {
        await using var scene = await CallScene.CreateAsync();
        var (bob, bobId) = await scene.AddExpertAsync("Bob Builder", "bob@contoso.test");
        var call = await scene.Expert.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false));
        Next(scene.Glasses.Incoming);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            scene.Expert.InvokeAsync(nameof(ISessionHub.InviteToCall), new InviteRequest(call.CallId, bobId)));

        Assert.Contains("media server", refused.Message, StringComparison.Ordinal);
        Assert.Empty(bob.Incoming);
    }

    private static async Task WaitForMediaServerAsync(CallScene scene)
    {
        var rooms = scene.Factory.Services.GetRequiredService<MediaRooms>();
        for (var i = 0; i < 200 && !rooms.Available; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(rooms.Available, "The managed Janus did not connect within 10 s (is the Debian package janus installed?).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
