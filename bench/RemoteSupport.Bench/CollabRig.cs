using System.Text.Json;
using Microsoft.Playwright;
using RemoteSupport.E2E.Infrastructure;

namespace RemoteSupport.Bench;

/// A connected call for the collaboration benchmarks: a CallRig (server, instrumented portal and auto-answering glasses in
/// one browser) with the call answered and the glasses' camera playing in the portal.
internal sealed class CollabRig : IAsyncDisposable
{
    private CallRig _call = null!;

    public IPage Portal => _call.Portal;
    public IPage Glass => _call.Glass;

    public static async Task<CollabRig> StartAsync(params string[] browserArgs)
    {
        var rig = new CollabRig { _call = await CallRig.StartAsync(withJanus: false, browserArgs) };
        await rig._call.CallButton.ClickAsync();
        await Assertions.Expect(rig.Portal.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });
        await Assertions.Expect(rig.Glass.GetByTestId("call-status")).ToHaveTextAsync("Connected", new() { Timeout = 20_000 });
        await WaitForVideoAsync(rig.Portal, "remote-video", _ => true);
        return rig;
    }

    /// Waits until <video data-testid=…> shows frames whose size passes the test; returns [width, height].
    public static async Task<int[]> WaitForVideoAsync(IPage page, string testId, Func<int[], bool> sizeOk, int timeoutMs = 20_000)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int[] size = [0, 0];
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            size = await page.EvaluateAsync<int[]>(
                "id => { const v = document.querySelector(`[data-testid=${id}]`); return v ? [v.videoWidth, v.videoHeight] : [0, 0]; }", testId);
            if (size[0] > 0 && sizeOk(size))
            {
                return size;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{testId} on {page.Url} did not reach the expected size (last {size[0]}x{size[1]})");
    }

    /// window.__benchMarks of a page, with the data some marks carry.
    public static async Task<IReadOnlyList<(Mark Mark, JsonElement Data)>> ReadMarksAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__benchMarks.map((m) => [m.t, m.what, m.data ?? null])");
        return [.. json.EnumerateArray().Select(m => (new Mark(m[0].GetDouble(), m[1].GetString() ?? string.Empty), m[2].Clone()))];
    }

    public ValueTask DisposeAsync() => _call.DisposeAsync();
}
