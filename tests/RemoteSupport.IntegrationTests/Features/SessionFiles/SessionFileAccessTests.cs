using System.Net;
using System.Net.Http.Headers;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Organizations;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using SkiaSharp;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.SessionFiles;

/// Who may upload, list and read files, HTTP ranges for seeking, and the organisation's document library.
public sealed class SessionFileAccessTests
{
    [Fact]
    public async Task Content_SingleRange_Is206WithExactBytes()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var pdf = TestMedia.Pdf(300_000);
        var info = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", pdf, "Wartung Prüfstand.pdf");

        using (var whole = await scene.Glasses.Http.GetAsync(info.ContentUrl))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(pdf.Length, whole.Content.Headers.ContentLength);
            Assert.Equal($"\"{info.Sha256}\"", whole.Headers.ETag?.ToString());
            Assert.Equal("bytes", string.Join(",", whole.Headers.AcceptRanges));
            Assert.Equal("no-store", whole.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", string.Join(",", whole.Headers.GetValues("X-Content-Type-Options")));
            var disposition = whole.Content.Headers.ContentDisposition!;
            Assert.Equal("inline", disposition.DispositionType);
            Assert.Equal("Wartung Prüfstand.pdf", disposition.FileNameStar);
            Assert.Equal(pdf, await whole.Content.ReadAsByteArrayAsync());
        }

        // Across blob segments (64 KiB), from the middle, and the last bytes.
        foreach (var (from, to) in new (long? From, long? To)[] { (70_000, 140_000), (299_990, null), (null, 100), (0, 0) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, info.ContentUrl);
            request.Headers.Range = new RangeHeaderValue(from, to);
            using var response = await scene.Glasses.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            var start = from ?? (pdf.Length - to!.Value);
            var end = from is null ? pdf.Length - 1 : Math.Min(to ?? (pdf.Length - 1), pdf.Length - 1);
            Assert.Equal($"bytes {start}-{end}/{pdf.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(pdf[(int)start..((int)end + 1)], await response.Content.ReadAsByteArrayAsync());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, info.ContentUrl))
        {
            request.Headers.Range = new RangeHeaderValue(400_000, null);
            using var response = await scene.Glasses.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
            Assert.Equal($"bytes */{pdf.Length}", response.Content.Headers.ContentRange?.ToString());
        }
    }

    [Fact]
    public async Task Upload_ByNonParticipant_Is404_WhileOrganisationExpertsMayList()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var (otherExpert, _) = await scene.AddExpertAsync("Otto Other", "otto@contoso.test");
        var before = await scene.Factory.StoredAsync();

        using (var response = await otherExpert.Http.UploadAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await scene.Expert.Http.UploadAsync($"/api/calls/{Guid.NewGuid()}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(before, await scene.Factory.StoredAsync());
        var file = await scene.Expert.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf");
        Assert.Equal([file.Id], (await otherExpert.Http.GetJsonAsync<SessionFileInfo[]>($"/api/calls/{callId}/files")).Select(f => f.Id));
        Assert.Equal(TestMedia.Pdf(1000), await otherExpert.Http.ContentAsync(file));
    }

    [Fact]
    public async Task Device_OfAnotherTechnician_Or_AfterTheCall_SeesNothing()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var file = await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(320, 240, SKEncodedImageFormat.Jpeg), "s.jpg");

        var otherTechnician = await scene.Expert.Http.CreateUserAsync("Rita Other", "rita@contoso.test", Contracts.Accounts.UserRole.Technician);
        var pairing = await scene.Expert.Http.StartPairingAsync(otherTechnician.Id);
        var otherGlasses = scene.NewClient();
        await otherGlasses.Http.ClaimAsync(pairing.Code);
        await AssertNoAccessAsync(otherGlasses.Http, callId, file);
        using (var response = await otherGlasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(32, 32, SKEncodedImageFormat.Jpeg), "x.jpg"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // Devices keep nothing and see nothing once the call is over; the expert still sees the session's files.
        await scene.Glasses.InvokeAsync(nameof(ISessionHub.HangUp), callId);
        Next(scene.Expert.Ended);
        await AssertNoAccessAsync(scene.Glasses.Http, callId, file);
        Assert.Single(await scene.Expert.Http.GetJsonAsync<SessionFileInfo[]>($"/api/calls/{callId}/files"));

        // A snapshot still on its way when the call ended is taken for a while, then refused.
        await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(32, 32, SKEncodedImageFormat.Jpeg), "late.jpg");
        scene.Factory.Time.Advance(TimeSpan.FromMinutes(11));
        using (var response = await scene.Glasses.Http.UploadAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(32, 32, SKEncodedImageFormat.Jpeg), "too-late.jpg"))
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Files can be added during a call and up to 10 minutes after it ended."], problem.Errors!["callId"]);
        }
    }

    [Fact]
    public async Task OtherOrganisation_Gets404ForListContentThumbnailAndDelete()
    {
        await using var scene = await CallScene.CreateAsync();
        var callId = await scene.StartActiveCallAsync();
        var image = await scene.Glasses.Http.UploadOkAsync($"/api/calls/{callId}/files?kind=Snapshot", TestMedia.Image(320, 240, SKEncodedImageFormat.Jpeg), "s.jpg");
        var document = await scene.Expert.Http.UploadOkAsync("/api/library/documents", TestMedia.Pdf(2000), "handbook.pdf");

        using (var created = await scene.Expert.Http.PostJsonAsync("/api/platform/organizations",
            new CreateOrganizationRequest("Northwind Repairs", "Nora North", "nora@northwind.test", "copper meadow whistles at noon")))
        {
            await created.ReadAsync<OrganizationResponse>(System.Net.HttpStatusCode.Created);
        }

        var nora = scene.NewClient();
        await nora.Http.SignInAsync("nora@northwind.test", "copper meadow whistles at noon");
        await nora.Http.ChangePasswordAsync("copper meadow whistles at noon", "granite pelican under seventeen lanterns");

        await AssertNoAccessAsync(nora.Http, callId, image);
        await AssertNoAccessAsync(nora.Http, callId, document);
        using (var response = await nora.Http.DeleteAsync($"/api/library/documents/{document.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await nora.Http.UploadAsync($"/api/calls/{callId}/files?kind=Document", TestMedia.Pdf(1000), "a.pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Empty(await nora.Http.GetJsonAsync<SessionFileInfo[]>("/api/library/documents"));
        Assert.Equal(2, (await scene.Factory.StoredAsync()).Rows);
    }

    [Fact]
    public async Task Library_UploadListShareDelete_DeletesTheObjectAndAudits()
    {
        await using var scene = await CallScene.CreateAsync();
        var pdf = TestMedia.Pdf(5000);
        var document = await scene.Expert.Http.UploadOkAsync("/api/library/documents", pdf, "pump manual.pdf");
        Assert.Null(document.CallId);
        Assert.Equal(SessionFileKind.Document, document.Kind);
        Assert.Equal([document.Id], (await scene.Expert.Http.GetJsonAsync<SessionFileInfo[]>("/api/library/documents")).Select(d => d.Id));

        // The technician's device reads library documents only once shared into its active call.
        using (var response = await scene.Glasses.Http.GetAsync(document.ContentUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await scene.Glasses.Http.GetAsync("/api/library/documents"))
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        var callId = await scene.StartActiveCallAsync();
        using (var response = await scene.Expert.Http.PostAsync($"/api/calls/{callId}/files/from-library/{document.Id}", null))
        {
            var shared = await response.ReadAsync<SessionFileInfo>(HttpStatusCode.Created);
            Assert.Equal(callId, shared.CallId);
            Assert.Equal(document.Id, shared.SourceFileId);
            Assert.Equal(document.Sha256, shared.Sha256);
            Assert.Equal(pdf, await scene.Glasses.Http.ContentAsync(shared));
        }

        Assert.Equal((2, 2, 0), await scene.Factory.StoredAsync());
        using (var response = await scene.Expert.Http.DeleteAsync($"/api/library/documents/{document.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal((1, 1, 0), await scene.Factory.StoredAsync());
        using (var response = await scene.Expert.Http.GetAsync(document.ContentUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Empty(await scene.Expert.Http.GetJsonAsync<SessionFileInfo[]>("/api/library/documents"));
        var audit = await scene.Expert.Http.GetJsonAsync<AuditEventResponse[]>("/api/audit");
        var actions = audit.Select(e => e.Action).ToList();
        Assert.Contains("file.uploaded", actions);
        Assert.Contains("file.shared", actions);
        Assert.Contains("file.viewed", actions);
        Assert.Contains("file.deleted", actions);
        Assert.Contains(audit, e => e.Action == "file.viewed" && e.Details!.Contains("on a device", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Limits_SayWhatIsAccepted()
    {
        await using var scene = await CallScene.CreateAsync();

        var limits = await scene.Glasses.Http.GetJsonAsync<SessionFileLimits>("/api/files/limits");

        Assert.Equal(100L * 1024 * 1024, limits.MaxBytes);
        Assert.Equal(50_000_000, limits.MaxImagePixels);
        Assert.Equal(["image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4", "video/webm"], limits.AcceptedContentTypes);
    }

    private static async Task AssertNoAccessAsync(HttpClient client, Guid callId, SessionFileInfo file)
    {
        foreach (var url in new[] { $"/api/calls/{callId}/files", $"/api/files/{file.Id}", file.ContentUrl, $"/api/files/{file.Id}/thumbnail" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }
    }
}
