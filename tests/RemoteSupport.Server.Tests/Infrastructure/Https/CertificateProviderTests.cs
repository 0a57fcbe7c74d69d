using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using RemoteSupport.Server.Infrastructure.Https;

namespace RemoteSupport.Server.Tests.Infrastructure.Https;

public sealed class CertificateProviderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rs-cert-test-").FullName;
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CertPath => Path.Combine(_folder, "tls", "server.crt");
    private string KeyPath => Path.Combine(_folder, "tls", "server.key");

    [Fact]
    public void Load_EmptyDataFolder_GeneratesSelfSignedCertificateWithLocalhostSans()
    {
        using var certificate = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var generated);

        Assert.True(generated);
        Assert.True(certificate.HasPrivateKey);
        Assert.True(File.Exists(CertPath));
        Assert.True(File.Exists(KeyPath));
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, san.EnumerateIPAddresses());
        Assert.Contains(IPAddress.IPv6Loopback, san.EnumerateIPAddresses());
    }

    [Fact]
    public void Load_Generated_IsAServerCertificateBrowsersAccept()
    {
        using var certificate = CertificateProvider.Load(new ServerOptions(), _folder, _time, out _);

        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(eku.EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(constraints.CertificateAuthority);
        // Browsers refuse server certificates valid for more than 398 days.
        Assert.True(certificate.NotAfter - certificate.NotBefore <= TimeSpan.FromDays(398));
        Assert.True(certificate.NotBefore.ToUniversalTime() <= _time.GetUtcNow().UtcDateTime);
        Assert.NotNull(certificate.GetECDsaPublicKey());
    }

    [UnixFact]
    public void Load_Generated_KeyFileReadableByOwnerOnly()
    {
        using var certificate = CertificateProvider.Load(new ServerOptions(), _folder, _time, out _);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixMode(KeyPath));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(KeyPath), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(CertPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecondCall_ReloadsTheSameCertificate()
    {
        using var first = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var firstGenerated);
        _time.Advance(TimeSpan.FromDays(100));

        using var second = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var secondGenerated);

        Assert.True(firstGenerated);
        Assert.False(secondGenerated);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
    }

    [UnixFact]
    public void Load_LessThan30DaysBeforeExpiry_GeneratesANewCertificate()
    {
        using var first = CertificateProvider.Load(new ServerOptions(), _folder, _time, out _);
        _time.SetUtcNow(new DateTimeOffset(first.NotAfter.ToUniversalTime(), TimeSpan.Zero) - TimeSpan.FromDays(29));

        using var renewed = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var generated);

        Assert.True(generated);
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.NotAfter > first.NotAfter);
        // The renewed pair is what the next start loads.
        using var reloaded = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var reloadGenerated);
        Assert.False(reloadGenerated);
        Assert.Equal(renewed.Thumbprint, reloaded.Thumbprint);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixMode(KeyPath));
    }

    [Fact]
    public void Load_MoreThan30DaysBeforeExpiry_KeepsTheCertificate()
    {
        using var first = CertificateProvider.Load(new ServerOptions(), _folder, _time, out _);
        _time.SetUtcNow(new DateTimeOffset(first.NotAfter.ToUniversalTime(), TimeSpan.Zero) - TimeSpan.FromDays(31));

        using var again = CertificateProvider.Load(new ServerOptions(), _folder, _time, out var generated);

        Assert.False(generated);
        Assert.Equal(first.Thumbprint, again.Thumbprint);
    }

    [Fact]
    public void Load_ConfiguredPemPair_IsUsedAndNothingIsGenerated()
    {
        var (certPath, keyPath, thumbprint) = WritePemPair("configured.example");

        using var certificate = CertificateProvider.Load(
            new ServerOptions { CertificatePath = certPath, CertificateKeyPath = keyPath }, _folder, _time, out var generated);

        Assert.False(generated);
        Assert.Equal(thumbprint, certificate.Thumbprint);
        Assert.True(certificate.HasPrivateKey);
        Assert.False(Directory.Exists(Path.Combine(_folder, "tls")));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Load_OnlyOneOfCertificateAndKey_Throws(bool giveCertificate, bool giveKey)
    {
        var (certPath, keyPath, _) = WritePemPair("half.example");
        var options = new ServerOptions { CertificatePath = giveCertificate ? certPath : null, CertificateKeyPath = giveKey ? keyPath : null };

        var error = Assert.Throws<InvalidOperationException>(() => CertificateProvider.Load(options, _folder, _time, out _));
        Assert.Contains("CertificateKeyPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256Fingerprint_Certificate_IsColonSeparatedUpperHex()
    {
        using var certificate = CertificateProvider.Load(new ServerOptions(), _folder, _time, out _);

        var fingerprint = CertificateProvider.Sha256Fingerprint(certificate);

        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", fingerprint);
        Assert.Equal(Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)), fingerprint.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    private static UnixFileMode? UnixMode(string path) => OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    private (string CertPath, string KeyPath, string Thumbprint) WritePemPair(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = _time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
        var certPath = Path.Combine(_folder, name + ".crt");
        var keyPath = Path.Combine(_folder, name + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath, certificate.Thumbprint);
    }
}

/// A fact about Unix file modes: skipped on Windows, where they do not exist.
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes do not exist on Windows.";
        }
    }
}
