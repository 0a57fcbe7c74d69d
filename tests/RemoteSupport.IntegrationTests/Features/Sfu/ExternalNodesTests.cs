using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.Server.Features.Sfu;

namespace RemoteSupport.IntegrationTests.Features.Sfu;

/// External mode with two real Janus nodes (started here as the operator would run them, each with its own secrets):
/// rooms go to the healthy node with the fewest rooms, a wrong api secret keeps a node out, and a node that dies stops
/// getting rooms.
public sealed class ExternalNodesTests : IAsyncLifetime
{
    private readonly List<(Process Process, string Folder)> _nodes = [];

    private sealed class Listener : IMediaRoomListener
    {
        public Task SubscriptionOfferedAsync(Guid callId, Guid memberId, Guid streamId, Guid sourceMemberId, string sdp) => Task.CompletedTask;

        public Task StreamEndedAsync(Guid callId, Guid memberId, Guid streamId) => Task.CompletedTask;

        public Task RoomLostAsync(Guid callId) => Task.CompletedTask;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rooms_GoToTheLeastLoadedHealthyNode_AndNotToADeadOne()
    {
        var (first, firstSecrets) = StartNode(2300);
        var (second, secondSecrets) = StartNode(2400);
        await using var factory = new RemoteSupportFactory(
            ("Janus:Mode", "External"),
            ("Janus:Nodes:0:Url", $"ws://127.0.0.1:{first}"),
            ("Janus:Nodes:0:ApiSecret", firstSecrets.ApiSecret),
            ("Janus:Nodes:0:AdminKey", firstSecrets.AdminKey),
            ("Janus:Nodes:1:Url", $"ws://127.0.0.1:{second}"),
            ("Janus:Nodes:1:ApiSecret", secondSecrets.ApiSecret),
            ("Janus:Nodes:1:AdminKey", secondSecrets.AdminKey));
        _ = factory.Server;
        var nodes = factory.Services.GetRequiredService<JanusNodes>();
        var rooms = factory.Services.GetRequiredService<MediaRooms>();
        await WaitAsync(() => nodes.All.All(n => n.Healthy), "both nodes to connect");

        var listener = new Listener();
        var a = await rooms.GetOrOpenAsync(Guid.NewGuid(), listener, CancellationToken.None);
        var b = await rooms.GetOrOpenAsync(Guid.NewGuid(), listener, CancellationToken.None);
        Assert.NotEqual(a.Node, b.Node);
        Assert.All(nodes.All, n => Assert.Equal(1, n.Rooms));

        // The node of room a dies: its room is lost, and new rooms go to the other node only.
        var dying = _nodes[nodes.All.ToList().IndexOf(a.Node)].Process;
        dying.Kill();
        await dying.WaitForExitAsync();
        await WaitAsync(() => !a.Node.Healthy && a.IsLost, "the dead node to be noticed");
        var c = await rooms.GetOrOpenAsync(Guid.NewGuid(), listener, CancellationToken.None);
        var d = await rooms.GetOrOpenAsync(Guid.NewGuid(), listener, CancellationToken.None);
        Assert.Equal(b.Node, c.Node);
        Assert.Equal(b.Node, d.Node);
        Assert.Equal(3, b.Node.Rooms);
    }

    [Fact]
    public async Task Node_WithAWrongApiSecret_IsNeverUsed()
    {
        var (port, _) = StartNode(2500);
        await using var factory = new RemoteSupportFactory(
            ("Janus:Mode", "External"),
            ("Janus:Nodes:0:Url", $"ws://127.0.0.1:{port}"),
            ("Janus:Nodes:0:ApiSecret", "not-the-secret"));
        _ = factory.Server;
        var rooms = factory.Services.GetRequiredService<MediaRooms>();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(rooms.Configured);
        Assert.False(rooms.Available);
        await Assert.ThrowsAsync<JanusException>(() => rooms.GetOrOpenAsync(Guid.NewGuid(), new Listener(), CancellationToken.None));
    }

    /// A Janus with its own config folder, secrets and ports, as an operator's node.
    private (int Port, JanusSecrets Secrets) StartNode(int rtpBase)
    {
        var folder = Directory.CreateTempSubdirectory("rs-janus-node-").FullName;
        var port = FreePort();
        var secrets = new JanusSecrets();
        var options = new JanusOptions { WebSocketPort = port, RtpPortRange = $"3{rtpBase}0-3{rtpBase}9" };
        var config = JanusSupervisor.WriteConfigFolder(options, secrets, Path.Combine(folder, "janus"), folder, Path.Combine(folder, "recordings"));
        var start = new ProcessStartInfo(JanusSupervisor.Binary(new JanusOptions()) ?? "janus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-C", config, "-F", Path.Combine(folder, "janus") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes.Add((process, folder));
        return (port, secrets);
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"Timed out waiting for {what}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, folder) in _nodes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
