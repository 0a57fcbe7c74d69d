using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RemoteSupport.E2E.Infrastructure;

/// The real server binary, started as a child process on loopback with its own data folder.
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _output = new();
    private Process _process = null!;

    private ServerProcess(ProcessStartInfo start, string dataFolder, int httpsPort)
    {
        _start = start;
        DataFolder = dataFolder;
        BaseUrl = $"https://127.0.0.1:{httpsPort}";
    }

    public string BaseUrl { get; }

    public string DataFolder { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string>? settings = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("rs-e2e-").FullName;
        var port = FreeTcpPort();
        var serverDll = LocateServer();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(serverDll)!);
        start.Environment["Data__Folder"] = dataFolder;
        start.Environment["Server__ListenAddress"] = "127.0.0.1";
        start.Environment["Server__HttpsPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Server__HttpPort"] = "0";
        start.Environment["Web__Root"] = Path.Combine(RepoRoot(), "web", "dist");
        start.Environment["Media__TurnMode"] = "None";
        // Peer-to-peer tests need no media server; the ROUTED tests turn the managed Janus on.
        start.Environment["Janus__Mode"] = "Off";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(start, dataFolder, port);
        await server.LaunchAsync();
        return server;
    }

    /// Kills the server (as a crash would) and starts it again on the same port and data folder.
    public async Task RestartAsync(TimeSpan downtime)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        await Task.Delay(downtime);
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        _process = Process.Start(_start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync(new Uri($"{BaseUrl}/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server was not ready within 60 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RemoteSupport.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    // The server is built with the same configuration as these tests (see the ProjectReference).
    private static string LocateServer()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoRoot(), "src", "RemoteSupport.Server", "bin", configuration, "net10.0", "RemoteSupport.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first", dll);
    }
}
