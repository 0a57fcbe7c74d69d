using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RemoteSupport.Server.Infrastructure.Processes;

/// Runs one helper program (coturn, Janus) as a child process for as long as the server runs: restarts it with
/// exponential backoff when it exits (reset after a stable minute), and stops it with SIGTERM — then kill — when the
/// server stops, so no orphan keeps its ports.
internal abstract partial class ProcessSupervisor(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private volatile int _processId;

    /// Short name for the logs ("coturn", "janus").
    protected abstract string Name { get; }

    /// The binary to run, or null when this supervisor has nothing to do (another mode, or not installed: say why in the log).
    protected abstract string? ResolveBinary();

    /// Writes the configuration and returns the arguments for one start.
    protected abstract IEnumerable<string> PrepareStart();

    /// The process id while the child runs.
    public int? ProcessId => _processId == 0 ? null : _processId;

    protected virtual void OnStarted(int processId)
    {
    }

    protected virtual void OnExited()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ResolveBinary() is not { } binary)
        {
            return;
        }

        // Leave the host's start-up path before the first (synchronous) file work.
        await Task.Yield();
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = time.GetUtcNow();
            int? exitCode = null;
            try
            {
                exitCode = await RunOnceAsync(binary, PrepareStart(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                LogStartFailed(logger, e, Name, backoff);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (time.GetUtcNow() - startedAt >= StableRun)
            {
                backoff = TimeSpan.FromSeconds(1);
            }

            if (exitCode is { } code)
            {
                LogExited(logger, Name, code, backoff);
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

    private async Task<int> RunOnceAsync(string binary, IEnumerable<string> arguments, CancellationToken stoppingToken)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += Relay;
        process.ErrorDataReceived += Relay;
        process.Start();
        _processId = process.Id;
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            LogStarted(logger, Name, process.Id);
            OnStarted(process.Id);
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
            _processId = 0;
            OnExited();
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
            LogStopped(logger, Name);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            LogKilled(logger, Name, StopTimeout);
        }
    }

    private void Relay(object sender, DataReceivedEventArgs e)
    {
        if (!string.IsNullOrWhiteSpace(e.Data))
        {
            LogOutput(logger, Name, e.Data);
        }
    }

    private const int SigTerm = 15;

    // LibraryImport would need AllowUnsafeBlocks for the whole server; one blittable call does not.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int processId, int signal);
#pragma warning restore SYSLIB1054

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name} started (pid {ProcessId}).")]
    private static partial void LogStarted(ILogger logger, string name, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} exited with code {ExitCode}; restarting in {Delay}.")]
    private static partial void LogExited(ILogger logger, string name, int exitCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} could not be started; retrying in {Delay}.")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string name, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} did not stop within {Timeout} of SIGTERM and was killed.")]
    private static partial void LogKilled(ILogger logger, string name, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name} stopped.")]
    private static partial void LogStopped(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Name}: {Line}")]
    private static partial void LogOutput(ILogger logger, string name, string line);
}
