namespace RemoteSupport.Server.Infrastructure.Https;

/// <summary>Section "Server": where the server listens. HTTPS always; plain HTTP only redirects.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Address to listen on: "any" (default, all interfaces, so glasses on the LAN reach it) or an IP such as 127.0.0.1.</summary>
    public string ListenAddress { get; set; } = "any";

    /// <summary>HTTPS port. Default 8443.</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>HTTP port that only redirects to HTTPS; 0 turns it off. Default 8080.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>PEM certificate file (full chain). With CertificateKeyPath; when both are empty a self-signed one is generated in the data folder.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file of CertificatePath.</summary>
    public string? CertificateKeyPath { get; set; }
}
