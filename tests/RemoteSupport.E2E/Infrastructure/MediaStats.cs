using Microsoft.Playwright;

namespace RemoteSupport.E2E.Infrastructure;

/// What a page's call is receiving, read from its RTCPeerConnection (window.__rsCall.pc()) — or, in a ROUTED call, summed
/// over every connection (window.__rsCall.pcs()).
public sealed class MediaStats
{
    public long VideoFramesDecoded { get; set; }
    public long AudioPacketsReceived { get; set; }
    public string? LocalCandidateType { get; set; }
    public string? IceUsernameFragment { get; set; }

    public override string ToString() =>
        $"video frames {VideoFramesDecoded}, audio packets {AudioPacketsReceived}, candidate {LocalCandidateType}, ufrag {IceUsernameFragment}";

    private const string Script = """
        async () => {
          const pc = window.__rsCall?.pc();
          if (!pc) return null;
          const stats = await pc.getStats();
          let frames = 0, audio = 0, pairId = null, localId = null, type = null;
          const all = window.__rsCall.pcs?.() ?? [pc];
          for (const each of all) {
            (each === pc ? stats : await each.getStats()).forEach(r => {
              if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
              if (r.type === 'inbound-rtp' && r.kind === 'audio') audio += r.packetsReceived ?? 0;
            });
          }
          stats.forEach(r => {
            if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId;
          });
          if (pairId) localId = stats.get(pairId)?.localCandidateId;
          if (localId) type = stats.get(localId)?.candidateType ?? null;
          const ufrag = /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? null;
          return { videoFramesDecoded: frames, audioPacketsReceived: audio, localCandidateType: type, iceUsernameFragment: ufrag };
        }
        """;

    public static async Task<MediaStats> ReadAsync(IPage page) =>
        await page.EvaluateAsync<MediaStats?>(Script) ?? new MediaStats();

    /// Waits until video frames are decoded and audio packets arrive, and keep increasing.
    public static async Task<MediaStats> ExpectFlowingAsync(IPage page, bool video = true, TimeSpan? within = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(20);
        var first = await ReadAsync(page);
        while (clock.Elapsed < limit)
        {
            await Task.Delay(500);
            var now = await ReadAsync(page);
            var videoRising = !video || now.VideoFramesDecoded > first.VideoFramesDecoded && now.VideoFramesDecoded > 0;
            if (videoRising && now.AudioPacketsReceived > first.AudioPacketsReceived)
            {
                return now;
            }
        }

        var last = await ReadAsync(page);
        throw new Xunit.Sdk.XunitException($"Media is not flowing on {page.Url}: first {first}, last {last}.");
    }
}
