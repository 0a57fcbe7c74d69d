using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.Contracts.Recordings;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Recordings;

namespace RemoteSupport.IntegrationTests.Features.Recordings;

/// Who may list and play recordings, HTTP ranges for seeking, downloads, and what the audit log says.
public sealed class RecordingApiTests
{
    [Fact]
    public async Task Content_RangesDownloadsAndAccess_AreServedAndAuditedOncePerOpening()
    {
        await using var scene = await CallScene.CreateAsync();
        var (callId, organizationId) = await scene.AddCallAsync();
        var start = await scene.Factory.BeginAsync(organizationId, callId, scene.ExpertId, scene.TechnicianId);
        await MjrFixtures.WriteCallAsync(start.Folder, scene.TechnicianId, scene.ExpertId, 4, 1, 3, expertWebcam: false, startUs: 1_700_000_000_000_000);
        await scene.Factory.Services.GetRequiredService<RecordingLibrary>().StopAsync(start.RecordingId);
        Assert.Equal(RecordingStatus.Ready, (await scene.Factory.SettledAsync(start.RecordingId)).Status);
        var info = Assert.Single(await scene.Expert.Http.GetJsonAsync<RecordingInfo[]>($"/api/calls/{callId}/recordings"));
        Assert.Null(info.WebcamUrl);

        var whole = await scene.Expert.Http.GetByteArrayAsync(info.ContentUrl);
        Assert.Equal(info.Length, whole.Length);
        foreach (var (from, to) in new (long? From, long? To)[] { (0, 99), (70_000, 140_000), (null, 500) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, info.ContentUrl);
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var response = await scene.Expert.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            var first = from ?? (whole.Length - to!.Value);
            var last = from is null ? whole.Length - 1 : Math.Min(to!.Value, whole.Length - 1);
            Assert.Equal($"bytes {first}-{last}/{whole.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(whole[(int)first..((int)last + 1)], await response.Content.ReadAsByteArrayAsync());
        }

        using (var download = await scene.Expert.Http.GetAsync(info.ContentUrl + "?download=1"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".webm", download.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
            Assert.Equal("no-store", download.Headers.CacheControl?.ToString());
        }

        // Whole file, the range from 0: two openings; the ranges further on belong to them.
        var audit = await scene.Expert.Http.GetJsonAsync<AuditEventResponse[]>("/api/audit");
        Assert.Equal(2, audit.Count(a => a.Action == RecordingAuditActions.Viewed && a.Target == $"{info.Id}"));
        Assert.Single(audit, a => a.Action == RecordingAuditActions.Downloaded && a.Target == $"{info.Id}" && a.ActorName == Api.AdminName);

        // A technician (portal sign-in) and the glasses: not for them.
        const string password = "temporary orchard lantern 42";
        await scene.Expert.Http.CreateUserAsync("Theo Tech", "theo@contoso.test", UserRole.Technician, password);
        var technician = scene.Factory.CreateBrowser();
        await technician.SignInAsync("theo@contoso.test", password);
        await technician.ChangePasswordAsync(password, "copper kettle under midnight rain");
        foreach (var client in new[] { technician, scene.Glasses.Http })
        {
            foreach (var url in new[] { $"/api/calls/{callId}/recordings", info.ContentUrl!, $"/api/recordings/{info.Id}" })
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized,
                    $"{url}: {response.StatusCode}");
            }
        }

        // Another organisation's admin: nothing exists.
        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", "copper meadow whistles at noon")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var nora = scene.Factory.CreateBrowser();
        await nora.SignInAsync("nora@northwind.test", "copper meadow whistles at noon");
        await nora.ChangePasswordAsync("copper meadow whistles at noon", "granite pelican under seventeen lanterns");
        foreach (var url in new[] { $"/api/calls/{callId}/recordings", info.ContentUrl!, $"/api/recordings/{info.Id}/webcam", $"/api/recordings/{info.Id}" })
        {
            using var response = await nora.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var after = await scene.Expert.Http.GetJsonAsync<AuditEventResponse[]>("/api/audit");
        Assert.Equal(2, after.Count(a => a.Action == RecordingAuditActions.Viewed));
    }
}
