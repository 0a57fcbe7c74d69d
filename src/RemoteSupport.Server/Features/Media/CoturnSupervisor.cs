using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Https;

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

/// Runs coturn as a child process when Media:TurnMode is Managed: writes its config, restarts it with backoff
/// when it exits, and stops it (SIGTERM, then kill) when the server stops.
internal sealed class CoturnSupervisor(
    IOptions<MediaOptions> options,
    IOptions<DataFolderOptions> data,
    ServerOptions server,
    TurnSecret secret,
    TurnserverBinary binary,
    CoturnState state,
    TimeProvider time,
    ILogger<CoturnSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var media = options.Value;
        if (media.TurnMode != TurnMode.Managed)
        {
            return;
        }

        if (binary.Path is not { } turnserver)
        {
            MediaLog.TurnserverMissing(logger, binary.Configured);
            return;
        }

        // Leave the host's start-up path before the first (synchronous) file work.
        await Task.Yield();
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = time.GetUtcNow();
            int exitCode;
            try
            {
                var configPath = WriteConfig(media);
                exitCode = await RunOnceAsync(turnserver, configPath, media, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                MediaLog.TurnserverStartFailed(logger, e, backoff);
                exitCode = int.MinValue;
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (time.GetUtcNow() - startedAt >= StableRun)
            {
                backoff = TimeSpan.FromSeconds(1);
            }

            if (exitCode != int.MinValue)
            {
                MediaLog.TurnserverExited(logger, exitCode, backoff);
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private string WriteConfig(MediaOptions media)
    {
        var turnFolder = TurnSecret.TurnFolder(data.Value.FullPath);
        var (certificatePath, keyPath) = CertificateProvider.PemPaths(server, data.Value.FullPath);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            MediaLog.CertificateMissing(logger, certificatePath);
        }

        var realm = IceServerProvider.ResolvePublicHost(media, server);
        var configPath = Path.Combine(turnFolder, "turnserver.conf");
        TurnSecret.WritePrivate(configPath, CoturnConfig.Build(media, realm, secret.Value!, certificatePath, keyPath, turnFolder));
        return configPath;
    }

    private async Task<int> RunOnceAsync(string turnserver, string configPath, MediaOptions media, CancellationToken stoppingToken)
    {
        var start = new ProcessStartInfo(turnserver)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configPath);

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += Relay;
        process.ErrorDataReceived += Relay;
        process.Start();
        state.Started(process.Id);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            MediaLog.TurnserverStarted(logger, process.Id, media.TurnPort, media.TurnTlsPort, media.RelayMinPort, media.RelayMaxPort);
            try
            {
                await process.WaitForExitAsync(stoppingToken);
                return process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process);
                throw;
            }
        }
        finally
        {
            state.Exited();
        }
    }

    private async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(process.Id, SigTerm);
        }

        using var timeout = new CancellationTokenSource(StopTimeout, time);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            MediaLog.TurnserverStopped(logger);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            MediaLog.TurnserverKilled(logger, StopTimeout);
        }
    }

    private void Relay(object sender, DataReceivedEventArgs e)
    {
        if (!string.IsNullOrWhiteSpace(e.Data))
        {
            MediaLog.TurnserverOutput(logger, e.Data);
        }
    }

    private const int SigTerm = 15;

    // LibraryImport would need AllowUnsafeBlocks for the whole server; one blittable call does not.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int processId, int signal);
#pragma warning restore SYSLIB1054
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
