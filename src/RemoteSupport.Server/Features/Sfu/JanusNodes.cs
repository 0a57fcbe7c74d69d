using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Server.Features.Sfu;

/// The Janus nodes this server may use — the managed one, or the configured external ones — each kept connected.
/// New rooms go to the healthy node with the fewest rooms.
public sealed class JanusNodes : BackgroundService
{
    private readonly List<JanusNode> _nodes;

    public JanusNodes(IOptions<JanusOptions> options, JanusSecrets secrets, ILogger<JanusNodes> logger)
    {
        var o = options.Value;
        // Reconnect delays and keepalives run on the real clock: Janus times sessions out in real seconds, whatever clock
        // the rest of the server is given (tests freeze theirs).
        var time = TimeProvider.System;
        _nodes = o.Mode switch
        {
            JanusMode.Managed when JanusSupervisor.Binary(o) is not null =>
                [new JanusNode("managed", new Uri($"ws://127.0.0.1:{o.WebSocketPort}"), secrets.ApiSecret, secrets.AdminKey, o, time, logger)],
            JanusMode.External => o.Nodes.Select((n, i) => new JanusNode($"node {i + 1}", new Uri(n.Url), n.ApiSecret, n.AdminKey, o, time, logger)).ToList(),
            _ => [],
        };
    }

    internal IReadOnlyList<JanusNode> All => _nodes;

    /// Whether any media server is configured at all (else ROUTED is never possible).
    public bool Configured => _nodes.Count > 0;

    public bool AnyHealthy => _nodes.Any(n => n.Healthy);

    internal JanusNode? LeastLoaded() => _nodes.Where(n => n.Healthy).OrderBy(n => n.Rooms).FirstOrDefault();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_nodes.Select(n => n.RunAsync(stoppingToken)));
}

/// "media-server": Degraded while no Janus node answers (calls still work peer to peer).
internal sealed class JanusHealthCheck(JanusNodes nodes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(nodes switch
        {
            { Configured: false } => HealthCheckResult.Healthy("No media server: calls are peer to peer only."),
            { AnyHealthy: true } => HealthCheckResult.Healthy($"{nodes.All.Count(n => n.Healthy)} of {nodes.All.Count} media server node(s) connected."),
            _ => HealthCheckResult.Degraded("No media server node is connected: ROUTED calls and recording are unavailable."),
        });
}
