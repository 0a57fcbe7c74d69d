using System.Net;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.Calls;

/// GET /api/calls/{callId}: one call for the portal's session page, for the organisation's experts and admins only.
public sealed class CallDetailsTests
{
    [Fact]
    public async Task Detail_OfAnEndedCall_IsTheHistoryEntry_ForTheOrganisationsExperts()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        scene.Factory.Time.Advance(TimeSpan.FromSeconds(42));
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        Next(scene.Expert.Ended);

        var detail = await scene.Expert.Http.GetJsonAsync<CallHistoryEntry>($"/api/calls/{callId}");
        Assert.Equal(callId, detail.CallId);
        Assert.Equal(scene.ExpertId, detail.Caller.UserId);
        Assert.Equal(scene.TechnicianId, detail.Callee.UserId);
        Assert.Equal("Tess Technician", detail.Callee.DisplayName);
        Assert.Equal(CallEndReason.HungUp, detail.EndReason);
        Assert.Equal(42, detail.DurationSeconds);
        Assert.NotNull(detail.EndedAt);
        Assert.Empty(detail.Others);
        Assert.Equivalent(detail, Assert.Single(await scene.Expert.Http.GetJsonAsync<CallHistoryEntry[]>("/api/calls")), strict: true);

        // Another expert of the organisation sees it too, as they see the call's files and chat.
        var (other, _) = await scene.AddExpertAsync("Otto Other", "otto@contoso.test");
        Assert.Equal(callId, (await other.Http.GetJsonAsync<CallHistoryEntry>($"/api/calls/{callId}")).CallId);
    }

    [Fact]
    public async Task Detail_OfAnotherOrganisationsCall_AnUnknownIdOrForADevice_IsNotShown()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();

        const string initial = "copper meadow whistles at noon";
        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", initial)))
        {
            await created.ReadAsync<OrganizationResponse>(HttpStatusCode.Created);
        }

        var nora = scene.NewClient();
        await nora.Http.SignInAsync("nora@northwind.test", initial);
        await nora.Http.ChangePasswordAsync(initial, "granite pelican under seventeen lanterns");
        using (var theirs = await nora.Http.GetAsync($"/api/calls/{callId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.DoesNotContain("Tess", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await scene.Expert.Http.GetAsync($"/api/calls/{Guid.NewGuid()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // The glasses have no portal session.
        using var device = await scene.Glasses.Http.GetAsync($"/api/calls/{callId}");
        Assert.NotEqual(HttpStatusCode.OK, device.StatusCode);
    }
}
