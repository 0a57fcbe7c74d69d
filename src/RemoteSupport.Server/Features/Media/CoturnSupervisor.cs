using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Https;
using RemoteSupport.Server.Infrastructure.Processes;

namespace RemoteSupport.Server.Features.Media;

/// What the managed coturn is doing, for the health check.
internal sealed class CoturnState
{
    private volatile int _processId;

    public bool Running => _processId != 0;

    public int? ProcessId => _processId == 0 ? null : _processId;

    public void Started(int processId) => _processId = processId;

    public void Exited() => _processId = 0;
}

/// Runs coturn as a child process when Media:TurnMode is Managed, with a freshly written config at each start.
internal sealed class CoturnSupervisor(
    IOptions<MediaOptions> options,
    IOptions<DataFolderOptions> data,
    ServerOptions server,
    TurnSecret secret,
    TurnserverBinary binary,
    CoturnState state,
    TimeProvider time,
    ILogger<CoturnSupervisor> logger) : ProcessSupervisor(time, logger)
{
    protected override string Name => "coturn";

    protected override string? ResolveBinary()
    {
        if (options.Value.TurnMode != TurnMode.Managed)
        {
            return null;
        }

        if (binary.Path is null)
        {
            MediaLog.TurnserverMissing(logger, binary.Configured);
        }

        return binary.Path;
    }

    protected override IEnumerable<string> PrepareStart()
    {
        var media = options.Value;
        var turnFolder = TurnSecret.TurnFolder(data.Value.FullPath);
        var (certificatePath, keyPath) = CertificateProvider.PemPaths(server, data.Value.FullPath);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            MediaLog.CertificateMissing(logger, certificatePath);
        }

        var realm = IceServerProvider.ResolvePublicHost(media, server);
        var configPath = Path.Combine(turnFolder, "turnserver.conf");
        TurnSecret.WritePrivate(configPath, CoturnConfig.Build(media, realm, secret.Value!, certificatePath, keyPath, turnFolder));
        MediaLog.TurnserverStarting(logger, media.TurnPort, media.TurnTlsPort, media.RelayMinPort, media.RelayMaxPort);
        return ["-c", configPath];
    }

    protected override void OnStarted(int processId) => state.Started(processId);

    protected override void OnExited() => state.Exited();
}

/// "turn": Degraded while the managed coturn is not running (not installed, or between restarts).
internal sealed class TurnHealthCheck(IOptions<MediaOptions> options, TurnserverBinary binary, CoturnState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(options.Value.TurnMode switch
        {
            TurnMode.Managed when binary.Path is null => HealthCheckResult.Degraded("coturn is not installed: calls get host candidates only."),
            TurnMode.Managed when !state.Running => HealthCheckResult.Degraded("The managed coturn is not running."),
            TurnMode.Managed => HealthCheckResult.Healthy("The managed coturn is running."),
            TurnMode.External => HealthCheckResult.Healthy("An external TURN server is configured."),
            _ => HealthCheckResult.Healthy("TURN is off."),
        });
}
