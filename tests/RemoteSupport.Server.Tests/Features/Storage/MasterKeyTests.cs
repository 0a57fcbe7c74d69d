using System.Runtime.Versioning;
using System.Security.Cryptography;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Tests.Infrastructure.Https;

namespace RemoteSupport.Server.Tests.Features.Storage;

public sealed class MasterKeyTests : IDisposable
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _root = Directory.CreateTempSubdirectory("rs-key-").FullName;

    private string KeyPath => Path.Combine(_root, "keys", "master.key");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void LoadOrCreate_FirstStart_Creates32RandomBytesMode0600InA0700Folder()
    {
        var (key, created) = MasterKey.LoadOrCreate(KeyPath);
        using var _ = key;

        Assert.True(created);
        Assert.Equal(32, new FileInfo(KeyPath).Length);
        Assert.Equal(Rw, File.GetUnixFileMode(KeyPath));
        Assert.Equal(Rw | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyPath)!));
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(KeyPath)!));
    }

    [Fact]
    public void LoadOrCreate_SecondStart_LoadsTheSameKey()
    {
        var (first, _) = MasterKey.LoadOrCreate(KeyPath);
        using var a = first;
        var (second, created) = MasterKey.LoadOrCreate(KeyPath);
        using var b = second;

        Assert.False(created);
        Assert.Equal(a.KeyId, b.KeyId);
        Assert.Equal(8, a.KeyId.Length);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Load_KeyFileAccessibleByGroupOrOthers_RefusesWithThePathAndTheFix()
    {
        MasterKey.LoadOrCreate(KeyPath).Key.Dispose();
        foreach (var mode in new[] { UnixFileMode.OtherRead, UnixFileMode.GroupRead, UnixFileMode.OtherWrite, UnixFileMode.GroupExecute })
        {
            File.SetUnixFileMode(KeyPath, Rw | mode);

            var e = Assert.Throws<InvalidOperationException>(() => MasterKey.LoadOrCreate(KeyPath));

            Assert.Contains(KeyPath, e.Message, StringComparison.Ordinal);
            Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        }

        File.SetUnixFileMode(KeyPath, Rw);
        MasterKey.Load(KeyPath).Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Load_FileOfTheWrongLength_Refuses(int length)
    {
        MasterKey.LoadOrCreate(KeyPath).Key.Dispose();
        File.WriteAllBytes(KeyPath, RandomNumberGenerator.GetBytes(length));

        var e = Assert.Throws<InvalidOperationException>(() => MasterKey.Load(KeyPath));

        Assert.Contains("not a key file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwrap_OtherAssociatedData_Fails()
    {
        using var key = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = new byte[MasterKey.WrappedSize];
        key.Wrap(dataKey, "object A"u8, wrapped);
        var unwrapped = new byte[32];

        Assert.True(key.TryUnwrap(wrapped, "object A"u8, unwrapped));
        Assert.Equal(dataKey, unwrapped);
        Assert.False(key.TryUnwrap(wrapped, "object B"u8, unwrapped));
    }
}
