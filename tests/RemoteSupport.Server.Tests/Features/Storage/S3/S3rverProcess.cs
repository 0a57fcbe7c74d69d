using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RemoteSupport.Tests.S3;

/// A real s3rver (npm, tests/s3rver) on 127.0.0.1: a free port, its own temp folder, killed at the end. It can be stopped
/// and started again on the same port and folder, to play an S3 outage. Node comes from PATH; tests/s3rver/node_modules
/// comes from `npm ci` (./test.sh runs it). Without them the tests are skipped, except under CI=true, where they fail.
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private Process? _process;

    private S3rverProcess(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// Null when s3rver can be started, else why not and what would enable it.
    public static string? Unavailable { get; } = FindUnavailableReason();

    private static string? ScriptFolder { get; set; }

    public static async Task<S3rverProcess> StartAsync()
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason + (IsCi ? " CI=true: the S3 tests must run in CI." : ""));
        }

        var server = new S3rverProcess(FreePort(), System.IO.Directory.CreateTempSubdirectory("rs-s3rver-").FullName);
        await server.StartAgainAsync();
        return server;
    }

    /// Starts (again) on the same port and folder: buckets and objects written before a stop are still there.
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("s3rver is running already.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptFolder!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "start.js", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", Directory, "--exit-with-stdin" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process = process;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("s3rver listening on", StringComparison.Ordinal))
                {
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await StopAsync();
        throw new InvalidOperationException($"s3rver did not start on port {Port}: {await stderr}");
    }

    /// Kills it (an S3 outage: connections are refused until StartAgainAsync).
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync(CancellationToken.None);
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindUnavailableReason()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "s3rver");
            if (File.Exists(Path.Combine(candidate, "start.js")))
            {
                ScriptFolder = candidate;
                break;
            }
        }

        if (ScriptFolder is null)
        {
            return "tests/s3rver/start.js not found above the test binaries.";
        }

        if (!File.Exists(Path.Combine(ScriptFolder, "node_modules", "s3rver", "package.json")))
        {
            return $"s3rver is not installed: run `npm ci` in {ScriptFolder} (./test.sh does) to run the S3 tests.";
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(p => p.Length > 0 && File.Exists(Path.Combine(p, "node"))))
        {
            return "node is not on PATH: install Node.js (./test.sh does) to run the S3 tests.";
        }

        return null;
    }
}
