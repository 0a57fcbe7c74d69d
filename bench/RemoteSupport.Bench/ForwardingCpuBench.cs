using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.Bench;

/// Server-side CPU of ROUTED forwarding: the glasses publish a 640x480 camera; 1, 4 and 8 subscribers (guests with their
/// camera off, so the only video is the technician's) receive it. For each count, the CPU time of Janus and of our server
/// (/proc/&lt;pid&gt;/stat utime+stime) over a 10 s window, as % of one core, beside the same window with no subscriber.
internal static class ForwardingCpuBench
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task<int> MainAsync(string[] args)
    {
        var summary = CliOptions.String(args, "--summary");
        await using var rig = await CallRig.StartAsync(withJanus: true);
        await rig.SetCallModeAsync("Routed");
        await rig.CallButton.ClickAsync();
        await Assertions.Expect(rig.Portal.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 30_000 });
        // The portal (an expert) is a subscriber too; the glasses at 480p (640x480).
        for (var i = 0; i < 2; i++)
        {
            await rig.Glass.GetByRole(AriaRole.Button, new() { Name = "Quality" }).ClickAsync();
        }

        await Assertions.Expect(rig.Glass.GetByText("Quality: 480p")).ToBeVisibleAsync();
        await rig.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();

        var server = Process.GetProcessesByName("RemoteSupport.Server").FirstOrDefault()
            ?? Process.GetProcesses().First(p => p.ProcessName == "dotnet" && SafeCommandLine(p).Contains("RemoteSupport.Server.dll", StringComparison.Ordinal));
        var rows = new List<(int Subscribers, double Janus, double Server)>();
        var subscribers = 1;
        foreach (var target in new[] { 1, 4, 8 })
        {
            while (subscribers < target)
            {
                await AddGuestAsync(rig, $"Guest {subscribers}");
                subscribers++;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var janus = Process.GetProcessesByName("janus").Single();
            var (j, s) = await MeasureAsync(janus.Id, server.Id);
            rows.Add((target, j, s));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target} subscriber(s): janus {j:F1} %, server {s:F1} % of a core"));
        }

        Console.WriteLine();
        Console.WriteLine("Server-side CPU while forwarding one 640x480 VP8 stream (+ the experts' audio) to N subscribers, % of one core over 10 s");
        Console.WriteLine("| subscribers | janus % | our server % | total % | per forwarded stream % |\n|---|---|---|---|---|");
        foreach (var (n, j, s) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n} | {j:F1} | {s:F1} | {j + s:F1} | {(j + s) / n:F2} |"));
        }

        if (summary is not null)
        {
            await File.WriteAllLinesAsync(summary, rows.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"CPU, 640x480 forwarded to {r.Subscribers} subscriber(s): janus+server % of a core\t1\t{r.Janus + r.Server:F1}\t{r.Janus + r.Server:F1}\t{rows[0].Janus + rows[0].Server:F1}\t{(r.Janus + r.Server) / (rows[0].Janus + rows[0].Server):F2}\tper stream {(r.Janus + r.Server) / r.Subscribers:F2} % (janus {r.Janus:F1}, server {r.Server:F1})")));
        }

        return 0;
    }

    private static async Task AddGuestAsync(CallRig rig, string name)
    {
        var field = rig.Portal.GetByLabel("Invitation link (shown once)");
        var previous = await field.CountAsync() > 0 ? await field.InputValueAsync() : null;
        await rig.Portal.GetByRole(AriaRole.Button, new() { Name = "Invite guest" }).ClickAsync();
        // Each link joins one guest: wait for the new one.
        string link;
        do
        {
            await Task.Delay(50);
            link = await field.CountAsync() > 0 ? await field.InputValueAsync() : string.Empty;
        }
        while (link.Length == 0 || link == previous);
        var guest = await rig.Browser.NewPageAsync(rig.Server.BaseUrl, 640, 480);
        await guest.GotoAsync(link);
        await guest.GetByLabel("Your name").FillAsync(name);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join session" }).ClickAsync();
        await Assertions.Expect(guest.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 30_000 });
        await guest.GetByRole(AriaRole.Button, new() { Name = "Camera off" }).ClickAsync();
    }

    /// CPU of both processes over the window, in % of one core.
    private static async Task<(double Janus, double Server)> MeasureAsync(int janus, int server)
    {
        var (j0, s0) = (CpuTicks(janus), CpuTicks(server));
        var clock = Stopwatch.StartNew();
        await Task.Delay(Window);
        var seconds = clock.Elapsed.TotalSeconds;
        var (j1, s1) = (CpuTicks(janus), CpuTicks(server));
        const double ticksPerSecond = 100; // USER_HZ on Linux
        return ((j1 - j0) / ticksPerSecond / seconds * 100, (s1 - s0) / ticksPerSecond / seconds * 100);
    }

    /// utime + stime of a process (fields 14 and 15 of /proc/pid/stat, after the parenthesised name).
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static string SafeCommandLine(Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
