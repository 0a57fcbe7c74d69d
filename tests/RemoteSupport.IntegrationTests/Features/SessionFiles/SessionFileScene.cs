using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.SessionFiles;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Infrastructure.Data;
using static RemoteSupport.IntegrationTests.Features.Calls.HubClient;

namespace RemoteSupport.IntegrationTests.Features.SessionFiles;

/// What the file tests do: start an active call, upload, read back, and count what is stored (rows, encrypted objects, temp files).
public static class SessionFileScene
{
    public static async Task<Guid> StartActiveCallAsync(this CallScene scene)
    {
        var call = await scene.Expert.InvokeAsync<CallInfo>(nameof(ISessionHub.StartCall), new StartCallRequest(scene.TechnicianId, false));
        Next(scene.Glasses.Incoming);
        await scene.Glasses.InvokeAsync<CallConnection>(nameof(ISessionHub.AcceptCall), call.CallId);
        Next(scene.Expert.Accepted);
        return call.CallId;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, byte[] content, string fileName, string declaredType = "application/octet-stream") =>
        client.UploadAsync(url, new ByteArrayContent(content), fileName, declaredType);

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string url, HttpContent file, string fileName, string declaredType = "application/octet-stream")
    {
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await client.PostAsync(url, form);
    }

    public static async Task<SessionFileInfo> UploadOkAsync(this HttpClient client, string url, byte[] content, string fileName)
    {
        using var response = await client.UploadAsync(url, content, fileName);
        var info = await response.ReadAsync<SessionFileInfo>(HttpStatusCode.Created);
        Assert.Equal($"/api/files/{info.Id}", response.Headers.Location?.ToString());
        return info;
    }

    public static async Task<byte[]> ContentAsync(this HttpClient client, SessionFileInfo file)
    {
        using var response = await client.GetAsync(file.ContentUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.ContentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// Rows, objects in the blob folder and files in the upload temp folder.
    public static async Task<(int Rows, int Blobs, int Temp)> StoredAsync(this RemoteSupportFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().SessionFiles.CountAsync();
        return (rows, Files(Path.Combine(factory.DataFolder, "blobs")).Length, Files(Path.Combine(factory.DataFolder, "uploads")).Length);
    }

    public static string[] Files(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
}
