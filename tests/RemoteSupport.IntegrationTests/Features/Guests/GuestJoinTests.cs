using System.Net;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Guests;

/// POST /api/guest/join and GET /api/guest/me: a guest redeems an invitation once, with a name, and gets a cookie bound to the call.
public sealed class GuestJoinTests
{
    [Fact]
    public async Task Join_WithAValidLink_SetsAHostOnlyCookie_AndMeAnswersWithTheSession()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var guest = scene.NewClient();

        using var join = await guest.Http.TryJoinAsync(GuestScene.TokenOf(invite), "  Gina Guest  ");
        var session = await join.ReadAsync<GuestSessionResponse>(HttpStatusCode.OK);

        Assert.Equal(new GuestSessionResponse(callId, "Gina Guest", Api.OrganizationName), session);
        var cookie = join.SetCookie(GuestScene.GuestCookie);
        CookieAssert.IsHostOnlySecureStrict(cookie);
        Assert.DoesNotContain(GuestScene.TokenOf(invite), cookie, StringComparison.Ordinal);
        Assert.Equal(session, await guest.Http.GetJsonAsync<GuestSessionResponse>("/api/guest/me"));

        var row = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Equal(scene.Factory.Time.GetUtcNow(), row.RedeemedAt);
        Assert.Equal("Gina Guest", row.GuestName);
        Assert.NotNull(row.GuestId);
        Assert.Equal(32, row.GuestSecretHash!.Length);

        var listed = Assert.Single(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
        Assert.Equal(GuestInviteStatus.Joined, listed.Status);
        Assert.Equal("Gina Guest", listed.GuestName);
        Assert.Equal(["guest.invited", "guest.joined"], (await scene.Factory.AuditActionsAsync()).Order());
    }

    [Fact]
    public async Task Me_WithoutAGuestCookie_IsUnauthorized_EvenForAnExpert()
    {
        var (scene, _) = await GuestScene.CreateWithLiveCallAsync();
        await using var __ = scene;

        using var response = await scene.Expert.Http.GetAsync("/api/guest/me");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Join_AfterTheLinkExpired_IsAClearError_AndChangesNothing()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        scene.Factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var guest = scene.NewClient();

        using var join = await guest.Http.TryJoinAsync(GuestScene.TokenOf(invite), "Gina Guest");

        var problem = await join.ReadProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("This invitation has expired.", problem.Title);
        Assert.Contains("new link", problem.Detail, StringComparison.Ordinal);
        Assert.False(join.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(GuestScene.GuestCookie, StringComparison.Ordinal)));
        var row = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Null(row.RedeemedAt);
        Assert.Null(row.GuestName);
        Assert.Null(row.GuestSecretHash);
        Assert.Equal(["guest.invited"], await scene.Factory.AuditActionsAsync());
    }

    [Fact]
    public async Task Join_JustBeforeExpiry_Works()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        scene.Factory.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));

        await scene.NewClient().Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");
    }

    [Fact]
    public async Task Join_WithAUsedLink_IsAClearError_AndTheFirstGuestStaysIn()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var first = scene.NewClient();
        await first.Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");
        var before = await scene.Factory.InviteRowAsync(invite.InviteId);

        var second = scene.NewClient();
        using var again = await second.Http.TryJoinAsync(GuestScene.TokenOf(invite), "Mallory");

        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("This invitation was already used.", problem.Title);
        var after = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Equal(before.GuestName, after.GuestName);
        Assert.Equal(before.GuestId, after.GuestId);
        Assert.Equal(before.GuestSecretHash, after.GuestSecretHash);
        Assert.Equal("Gina Guest", (await first.Http.GetJsonAsync<GuestSessionResponse>("/api/guest/me")).DisplayName);
        using var secondMe = await second.Http.GetAsync("/api/guest/me");
        Assert.Equal(HttpStatusCode.Unauthorized, secondMe.StatusCode);
    }

    [Fact]
    public async Task Join_TwiceAtOnce_HasExactlyOneWinner()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var guests = Enumerable.Range(0, 8).Select(_ => scene.NewClient()).ToList();
        foreach (var guest in guests)
        {
            await guest.Http.GetAntiforgeryAsync();
        }

        var responses = await Task.WhenAll(guests.Select(g =>
            g.Http.PostJsonAsync("/api/guest/join", new GuestJoinRequest(GuestScene.TokenOf(invite), "Gina Guest"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(["guest.invited", "guest.joined"], (await scene.Factory.AuditActionsAsync()).Order());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Join_WithAnUnknownOrMalformedToken_IsNotValid()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var token = GuestScene.TokenOf(invite);
        var guest = scene.NewClient();

        foreach (var wrong in new[] { token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), token[..20], "not a token at all", token + "x" })
        {
            using var join = await guest.Http.TryJoinAsync(wrong, "Gina Guest");
            var problem = await join.ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("This invitation is not valid.", problem.Title);
        }

        Assert.Null((await scene.Factory.InviteRowAsync(invite.InviteId)).RedeemedAt);
    }

    [Fact]
    public async Task Join_WithBadInput_ListsEveryProblem_AndDoesNotUseTheLink()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var token = GuestScene.TokenOf(invite);
        var guest = scene.NewClient();

        using (var nothing = await guest.Http.TryJoinAsync(null, "   "))
        {
            var problem = await nothing.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Open the invitation link you were sent: it carries the invitation."], problem.Errors!["Token"]);
            Assert.Equal(["Enter your name."], problem.Errors["DisplayName"]);
        }

        using (var longAndControl = await guest.Http.TryJoinAsync(token, new string('a', 60) + "\u0007"))
        {
            var problem = await longAndControl.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Use at most 60 characters for your name.", "Remove control and invisible characters from your name."], problem.Errors!["DisplayName"]);
            Assert.False(problem.Errors.ContainsKey("Token"));
        }

        using (var bidi = await guest.Http.TryJoinAsync(token, "Gina\u202Etseug"))
        {
            var problem = await bidi.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Remove control and invisible characters from your name."], problem.Errors!["DisplayName"]);
        }

        var row = await scene.Factory.InviteRowAsync(invite.InviteId);
        Assert.Null(row.RedeemedAt);

        // Sixty characters are fine, and the link still works after the refusals.
        var session = await guest.Http.JoinAsync(token, new string('é', 60));
        Assert.Equal(60, session.DisplayName.Length);
    }

    [Fact]
    public async Task Join_AfterTheCallEnded_IsAClearError_AndAJoinedGuestIsSignedOut()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var joined = await scene.Expert.Http.InviteAsync(callId);
        var unused = await scene.Expert.Http.InviteAsync(callId);
        var guest = scene.NewClient();
        await guest.Http.JoinAsync(GuestScene.TokenOf(joined), "Gina Guest");

        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        Next(scene.Expert.Ended);

        using (var me = await guest.Http.GetAsync("/api/guest/me"))
        {
            var problem = await me.ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("The session has ended.", problem.Detail);
        }

        using (var late = await scene.NewClient().Http.TryJoinAsync(GuestScene.TokenOf(unused), "Lena Late"))
        {
            var problem = await late.ReadProblemAsync(HttpStatusCode.Gone);
            Assert.Equal("This session has ended.", problem.Title);
        }

        Assert.Null((await scene.Factory.InviteRowAsync(unused.InviteId)).RedeemedAt);
    }

    [Fact]
    public async Task Revoke_AfterJoining_SignsTheGuestOut()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var guest = scene.NewClient();
        await guest.Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");

        using (var revoked = await scene.Expert.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using (var me = await guest.Http.GetAsync("/api/guest/me"))
        {
            var problem = await me.ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("The expert withdrew your invitation.", problem.Detail);
        }

        using (var again = await guest.Http.TryJoinAsync(GuestScene.TokenOf(invite), "Gina Guest"))
        {
            Assert.Equal("This invitation was withdrawn.", (await again.ReadProblemAsync(HttpStatusCode.Gone)).Title);
        }

        var listed = Assert.Single(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
        Assert.Equal(GuestInviteStatus.Revoked, listed.Status);
        Assert.Equal("Gina Guest", listed.GuestName);
    }

    [Fact]
    public async Task Leave_ForgetsTheSession()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);
        var guest = scene.NewClient();
        await guest.Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");

        using (var leave = await guest.Http.PostAsync("/api/guest/leave", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, leave.StatusCode);
        }

        using var me = await guest.Http.GetAsync("/api/guest/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Null((await scene.Factory.InviteRowAsync(invite.InviteId)).GuestSecretHash);
    }

    [Fact]
    public async Task Join_IsRateLimitedPerAddress()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync(("Guests:JoinsPerIpPerMinute", 2));
        await using var _ = scene;
        var guest = scene.NewClient();

        for (var i = 0; i < 2; i++)
        {
            using var wrong = await guest.Http.TryJoinAsync("x", "Gina Guest");
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        }

        using var limited = await guest.Http.TryJoinAsync("x", "Gina Guest");
        await limited.ReadProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Join_InABrowserSignedInToThePortal_IsRefused_AndDoesNotUseTheLink()
    {
        var (scene, callId) = await GuestScene.CreateWithLiveCallAsync();
        await using var _ = scene;
        var invite = await scene.Expert.Http.InviteAsync(callId);

        using var join = await scene.Expert.Http.TryJoinAsync(GuestScene.TokenOf(invite), "Ada Herself");

        var problem = await join.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("You are signed in to Remote Support in this browser.", problem.Title);
        Assert.Null((await scene.Factory.InviteRowAsync(invite.InviteId)).RedeemedAt);
        await scene.NewClient().Http.JoinAsync(GuestScene.TokenOf(invite), "Gina Guest");
    }
}
