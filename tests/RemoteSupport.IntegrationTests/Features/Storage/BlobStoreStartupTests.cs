using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Storage;

namespace RemoteSupport.IntegrationTests.Features.Storage;

/// The blob store inside the real app. AddStorage is added here as well, so the tests hold before and after Program.cs
/// calls builder.AddStorage() (a second call adds nothing).
public sealed class BlobStoreStartupTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Start_FirstRun_CreatesTheMasterKey0600AndStoresThroughDependencyInjection()
    {
        await using var factory = new RemoteSupportFactory();
        await using var app = WithStorage(factory);
        using var client = app.CreateClient();
        var keyPath = Path.Combine(factory.DataFolder, "keys", "master.key");
        var organizationId = Guid.NewGuid();

        var store = app.Services.GetRequiredService<IBlobStore>();
        var content = RandomNumberGenerator.GetBytes(200_000);
        var info = await store.PutAsync(organizationId, new MemoryStream(content), "image/jpeg", CancellationToken.None);
        await using var read = await store.OpenReadAsync(organizationId, info.Id, CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);

        Assert.Equal(content, copy.ToArray());
        Assert.Equal(32, new FileInfo(keyPath).Length);
        Assert.Equal(Rw, File.GetUnixFileMode(keyPath));
        var blobFile = Path.Combine(factory.DataFolder, "blobs", organizationId.ToString("N"), info.Id.ToString()[..2], info.Id.ToString());
        Assert.True(File.Exists(blobFile));
        Assert.Equal(Rw, File.GetUnixFileMode(blobFile));
        Assert.Null(await store.OpenReadAsync(Guid.NewGuid(), info.Id, CancellationToken.None));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Start_MasterKeyReadableByOthers_RefusesToStart()
    {
        await using var factory = new RemoteSupportFactory();
        var keyPath = Path.Combine(factory.DataFolder, "keys", "master.key");
        Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!);
        File.WriteAllBytes(keyPath, RandomNumberGenerator.GetBytes(32));
        File.SetUnixFileMode(keyPath, Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var app = WithStorage(factory);

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var refusal = Flatten(e).OfType<InvalidOperationException>().FirstOrDefault(x => x.Message.Contains("chmod 600", StringComparison.Ordinal));
        Assert.NotNull(refusal);
        Assert.Contains(keyPath, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidStorageOptions_RefusesToStartNamingEveryProblem()
    {
        await using var factory = new RemoteSupportFactory(("Storage:SegmentSize", 10), ("Storage:Provider", "Local"), ("Storage:MasterKeyPath", "\u0001"));
        await using var app = WithStorage(factory);

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = string.Join("\n", Flatten(e).Select(x => x.Message));
        Assert.Contains("Storage:SegmentSize", messages, StringComparison.Ordinal);
        Assert.Contains("Storage:MasterKeyPath", messages, StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> WithStorage(RemoteSupportFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddStorage()));

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
