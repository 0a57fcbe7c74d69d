using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Https;

namespace RemoteSupport.IntegrationTests.Media;

/// The managed coturn, started by the real CoturnSupervisor from the real registration, proves with real TURN
/// Allocate requests (coturn's own turnutils_uclient) that our REST credentials work and expired ones do not.
public sealed class ManagedCoturnTests : IAsyncLifetime
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("rs-turn-it-").FullName;
    private readonly int _turnPort = FreePort();
    private readonly int _tlsPort = FreePort();
    private WebApplication _app = null!;
    private CoturnSupervisor _supervisor = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Data:Folder"] = _dataFolder,
            ["Server:ListenAddress"] = "127.0.0.1",
            ["Media:TurnMode"] = "Managed",
            ["Media:AllowLoopbackPeers"] = "true",
            ["Media:ListeningIp"] = "127.0.0.1",
            ["Media:PublicHost"] = "127.0.0.1",
            ["Media:TurnPort"] = _turnPort.ToString(CultureInfo.InvariantCulture),
            ["Media:TurnTlsPort"] = _tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Media:RelayMinPort"] = "61000",
            ["Media:RelayMaxPort"] = "61999",
        })
        {
            builder.Configuration[key] = value;
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddHttpsEndpoints();
        builder.AddDatabase();
        builder.AddMedia();
        _app = builder.Build();

        // The supervisor alone: the web server itself is not needed here.
        _supervisor = _app.Services.GetServices<IHostedService>().OfType<CoturnSupervisor>().Single();
        await _supervisor.StartAsync(CancellationToken.None);
        await WaitForStunAsync(_turnPort, TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        await _supervisor.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [CoturnFact]
    public async Task Allocate_FreshCredentialFromIceServerProvider_IsAccepted()
    {
        var turn = await TurnServerForACallAsync();

        var result = await UclientAsync(turn.Username!, turn.Credential!, _turnPort);

        Assert.True(result.ExitCode == 0, $"Allocation with a fresh credential failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("tot_recv_msgs=", result.Output, StringComparison.Ordinal);
    }

    [CoturnFact]
    public async Task Allocate_ExpiredCredential_IsRefused()
    {
        var secret = _app.Services.GetRequiredService<TurnSecret>().Value!;
        var expired = TurnCredentials.Create(secret, Guid.NewGuid().ToString("D"), TimeProvider.System.GetUtcNow().AddMinutes(-1));

        var result = await UclientAsync(expired.Username, expired.Password, _turnPort);

        Assert.True(result.ExitCode != 0, $"coturn accepted an expired credential:\n{result.Output}");
        Assert.Contains("Cannot complete Allocation", result.Output, StringComparison.Ordinal);
    }

    [CoturnFact]
    public async Task Allocate_CredentialSignedWithAnotherSecret_IsRefused()
    {
        var forged = TurnCredentials.Create("not-the-server-secret", Guid.NewGuid().ToString("D"), TimeProvider.System.GetUtcNow().AddMinutes(30));

        var result = await UclientAsync(forged.Username, forged.Password, _turnPort);

        Assert.True(result.ExitCode != 0, $"coturn accepted a credential signed with another secret:\n{result.Output}");
    }

    // turnutils_uclient -S hangs against coturn 4.6.1 with no-tlsv1/no-tlsv1_1 (TLS 1.3 is not served before coturn 4.6.2;
    // browsers and OpenSSL clients fall back to TLS 1.2, uclient does not), so TLS is checked with SslStream.
    [CoturnFact]
    public async Task TlsPort_ServesTheServerCertificateAndAnswersStun()
    {
        var expected = _app.Services.GetRequiredService<ServerCertificate>().Certificate;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _tlsPort);
        // Pinned to the server's own (self-signed) certificate: accepting it proves coturn serves that one.
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => certificate?.GetCertHashString() == expected.Thumbprint);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        await tls.WriteAsync(StunBindingRequest());
        var response = new byte[20];
        await tls.ReadExactlyAsync(response);

        Assert.Equal(expected.Thumbprint, tls.RemoteCertificate!.GetCertHashString());
        Assert.Equal(SslProtocols.Tls12, tls.SslProtocol);
        Assert.Equal([0x01, 0x01], response[..2]); // Binding success response
    }

    [CoturnFact]
    public async Task Health_WhileCoturnRuns_IsHealthy_AndStopEndsTheProcess()
    {
        var state = _app.Services.GetRequiredService<CoturnState>();
        var report = await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "turn");
        Assert.Equal(HealthStatus.Healthy, report.Entries["turn"].Status);
        var pid = state.ProcessId!.Value;
        var config = await File.ReadAllTextAsync(Path.Combine(_dataFolder, "turn", "turnserver.conf"));
        Assert.Contains("allow-loopback-peers", config, StringComparison.Ordinal);

        await _supervisor.StopAsync(CancellationToken.None);

        Assert.False(state.Running);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    private async Task<RemoteSupport.Contracts.Calls.IceServer> TurnServerForACallAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.EnsureCreatedAsync();
        var organization = new Organization { Id = Guid.NewGuid(), Name = "Acme", CreatedAt = TimeProvider.System.GetUtcNow() };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();

        var servers = await scope.ServiceProvider.GetRequiredService<IceServerProvider>().GetAsync(organization.Id, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal($"stun:127.0.0.1:{_turnPort}", Assert.Single(servers[0].Urls));
        var turn = servers[1];
        Assert.Contains($"turn:127.0.0.1:{_turnPort}?transport=udp", turn.Urls);
        Assert.Contains($"turns:127.0.0.1:{_tlsPort}?transport=tcp", turn.Urls);
        return turn;
    }

    private static async Task<(int ExitCode, string Output)> UclientAsync(string username, string password, int port, params string[] flags)
    {
        var start = new ProcessStartInfo("turnutils_uclient") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // -y: two clients relay to each other through their allocations (loopback peers); -n 1: one message each.
        foreach (var argument in flags.Concat(["-y", "-n", "1", "-u", username, "-w", password, "-p", port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "turnutils_uclient timed out\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        while (true)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }

    private static byte[] StunBindingRequest()
    {
        var request = new byte[20];
        request[1] = 0x01; // Binding request, no attributes
        BitConverter.GetBytes(IPAddress.HostToNetworkOrder(0x2112A442)).CopyTo(request, 4);
        Random.Shared.NextBytes(request.AsSpan(8));
        return request;
    }

    /// Ready when coturn answers a STUN Binding request over UDP (its TCP listener can be up before the UDP one).
    private static async Task WaitForStunAsync(int port, TimeSpan within)
    {
        var request = StunBindingRequest();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await udp.SendAsync(request, new IPEndPoint(IPAddress.Loopback, port));
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                var response = await udp.ReceiveAsync(wait.Token);
                if (response.Buffer.Length >= 20 && response.Buffer[0] == 0x01 && response.Buffer[1] == 0x01)
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && stopwatch.Elapsed < within)
            {
                await Task.Delay(100);
            }
        }
    }
}
