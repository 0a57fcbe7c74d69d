using System.Runtime.Versioning;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Tests.Infrastructure.Https;

namespace RemoteSupport.Server.Tests.Features.Storage;

/// The blob store contract on the Local provider, and what only the local folder does (layout, temp files, file modes).
public sealed class LocalBlobStoreTests : BlobStoreContractTests
{
    private TempStore Local => ((LocalStoreUnderTest)T).Temp;

    protected override Task<StoreUnderTest> CreateStoreAsync() => Task.FromResult<StoreUnderTest>(new LocalStoreUnderTest());

    [Fact]
    public async Task Put_Object_IsNamedByItsIdInItsOrganizationsFolder()
    {
        var info = await T.PutAsync([1, 2, 3]);

        var path = Local.PathOf(info.Id);
        Assert.Equal(info.Id.ToString(), Path.GetFileName(path));
        Assert.Equal(info.Id.ToString()[..2], Path.GetFileName(Path.GetDirectoryName(path)));
        Assert.Equal(TempStore.OrgA.ToString("N"), Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Initialize_LeftoverTempFiles_RemovesThem()
    {
        var temp = Path.Combine(Local.Store.Folder, ".tmp", "0123.tmp");
        File.WriteAllBytes(temp, [1, 2, 3]);

        Local.Store.Initialize();

        Assert.False(File.Exists(temp));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Put_OnUnix_FilesAre0600AndFolders0700()
    {
        var info = await T.PutAsync([1]);
        var path = Local.PathOf(info.Id);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(Rwx, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(Rwx, File.GetUnixFileMode(Path.GetDirectoryName(Path.GetDirectoryName(path))!));
        Assert.Equal(Rwx, File.GetUnixFileMode(Local.Store.Folder));
    }

    [Fact]
    public void BlobId_Parse_AcceptsOnlyTheCanonicalForm()
    {
        var id = BlobId.New();

        Assert.Equal(id, BlobId.Parse(id.ToString()));
        Assert.False(BlobId.TryParse(id.ToString().ToUpperInvariant(), out _));
        Assert.False(BlobId.TryParse("../../etc/passwd", out _));
        Assert.False(BlobId.TryParse(id.ToString()[..31], out _));
        Assert.False(BlobId.TryParse(null, out _));
    }
}
