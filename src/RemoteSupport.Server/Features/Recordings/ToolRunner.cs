using System.Diagnostics;
using System.Text;

namespace RemoteSupport.Server.Features.Recordings;

/// What a tool run gave: exit code, standard output, and the end of standard error (for a failure reason).
public sealed record ToolResult(int ExitCode, string Output, string ErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}

/// Runs janus-pp-rec, ffmpeg and ffprobe with an argument list (never a shell), a time limit, and the process killed with its
/// children when the limit or a cancellation comes first.
public static class ToolRunner
{
    private const int ErrorTailChars = 2000;

    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                    if (error.Length > ErrorTailChars * 4)
                    {
                        error.Remove(0, error.Length - ErrorTailChars);
                    }
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ToolResult(-1, string.Empty, $"{program} could not be started: {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return new ToolResult(-1, string.Empty, $"{Path.GetFileName(program)} took longer than {timeout} and was stopped.");
        }

        // WaitForExitAsync returns once the output pipes are drained too.
        string tail;
        lock (error)
        {
            tail = error.Length > ErrorTailChars ? error.ToString(error.Length - ErrorTailChars, ErrorTailChars) : error.ToString();
        }

        lock (output)
        {
            return new ToolResult(process.ExitCode, output.ToString(), tail.Trim());
        }
    }
}
