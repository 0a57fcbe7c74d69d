using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RemoteSupport.Server.Infrastructure.Https;

/// Loads the configured PEM certificate, or keeps a self-signed one in the data folder: browsers only give
/// camera access on secure origins, and glasses reach the server by LAN address.
internal static class CertificateProvider
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static X509Certificate2 Load(ServerOptions options, string dataFolder, TimeProvider time, out bool generated)
    {
        generated = false;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) || !string.IsNullOrWhiteSpace(options.CertificateKeyPath))
        {
            if (string.IsNullOrWhiteSpace(options.CertificatePath) || string.IsNullOrWhiteSpace(options.CertificateKeyPath))
            {
                throw new InvalidOperationException("Set both Server:CertificatePath and Server:CertificateKeyPath, or neither.");
            }

            return X509Certificate2.CreateFromPemFile(options.CertificatePath, options.CertificateKeyPath);
        }

        var (certPath, keyPath) = PemPaths(options, dataFolder);
        var folder = Path.GetDirectoryName(certPath)!;
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (existing.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime > RenewBefore)
            {
                return existing;
            }

            existing.Dispose();
        }

        Directory.CreateDirectory(folder);
        var certificate = CreateSelfSigned(time.GetUtcNow());
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using (var key = certificate.GetECDsaPrivateKey()!)
        {
            WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        generated = true;
        return certificate;
    }

    /// Where the PEM certificate and key are: the configured files, else the self-signed pair in the data folder.
    /// The managed TURN server reads the same files for TURN over TLS.
    public static (string CertificatePath, string KeyPath) PemPaths(ServerOptions options, string dataFolder) =>
        !string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateKeyPath)
            ? (options.CertificatePath, options.CertificateKeyPath)
            : (Path.Combine(dataFolder, "tls", "server.crt"), Path.Combine(dataFolder, "tls", "server.key"));

    public static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static X509Certificate2 CreateSelfSigned(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hostName = Dns.GetHostName();
        var request = new CertificateRequest($"CN={hostName}, O=Remote Support (self-signed)", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddDnsName(hostName);
        foreach (var address in MachineAddresses())
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        // Browsers refuse server certificates valid for more than 398 days.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(397));
    }

    private static HashSet<IPAddress> MachineAddresses()
    {
        var addresses = new HashSet<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (!unicast.Address.IsIPv6LinkLocal)
                {
                    addresses.Add(unicast.Address);
                }
            }
        }

        return addresses;
    }

    private static void WritePrivate(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
