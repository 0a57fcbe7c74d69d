using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Calls;

/// A browser (cookies of its own) with a connection to /hubs/session that records every message it receives.
public sealed class HubClient : IAsyncDisposable
{
    private static readonly Uri Origin = new("https://localhost");
    private readonly CookieContainer _cookies = new();

    public HubClient(RemoteSupportFactory factory)
    {
        Factory = factory;
        Http = factory.CreateDefaultClient(Origin, new CookieContainerHandler(_cookies));
    }

    public RemoteSupportFactory Factory { get; }

    public HttpClient Http { get; }

    public HubConnection? Connection { get; private set; }

    public BlockingCollection<CallInfo> Incoming { get; } = [];
    public BlockingCollection<CallConnection> Accepted { get; } = [];
    public BlockingCollection<CallInfo> Ended { get; } = [];
    public BlockingCollection<SignalMessage> Signals { get; } = [];
    public BlockingCollection<Contact> Presence { get; } = [];
    public BlockingCollection<Guid> PeerReconnecting { get; } = [];
    public BlockingCollection<Guid> PeerResumed { get; } = [];
    public BlockingCollection<PointerPosition> Pointers { get; } = [];
    public BlockingCollection<ChatMessageInfo> Chat { get; } = [];
    public BlockingCollection<Guid> SnapshotRequests { get; } = [];
    public BlockingCollection<FileAnnouncement> FilesShared { get; } = [];
    public BlockingCollection<ShowImage> Shown { get; } = [];
    public BlockingCollection<Guid> ShownDismissed { get; } = [];
    public BlockingCollection<DocumentShown> DocumentsShown { get; } = [];
    public BlockingCollection<PageCommand> PagesTurned { get; } = [];
    public BlockingCollection<CallInfo> Updated { get; } = [];
    public BlockingCollection<MediaOffer> MediaOffers { get; } = [];
    public BlockingCollection<InvitationOutcome> Invitations { get; } = [];

    public async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Origin, "/hubs/session"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = _cookies.GetCookieHeader(Origin);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Api.Json)
            .Build();
        connection.On<CallInfo>(nameof(ISessionClient.IncomingCall), Incoming.Add);
        connection.On<CallConnection>(nameof(ISessionClient.CallAccepted), Accepted.Add);
        connection.On<CallInfo>(nameof(ISessionClient.CallEnded), Ended.Add);
        connection.On<SignalMessage>(nameof(ISessionClient.Signal), Signals.Add);
        connection.On<Contact>(nameof(ISessionClient.PresenceChanged), Presence.Add);
        connection.On<Guid>(nameof(ISessionClient.PeerReconnecting), PeerReconnecting.Add);
        connection.On<Guid>(nameof(ISessionClient.PeerResumed), PeerResumed.Add);
        connection.On<PointerPosition>(nameof(ISessionClient.PointerMoved), Pointers.Add);
        connection.On<ChatMessageInfo>(nameof(ISessionClient.ChatReceived), Chat.Add);
        connection.On<Guid>(nameof(ISessionClient.SnapshotRequested), SnapshotRequests.Add);
        connection.On<FileAnnouncement>(nameof(ISessionClient.FileShared), FilesShared.Add);
        connection.On<ShowImage>(nameof(ISessionClient.ShowImage), Shown.Add);
        connection.On<Guid>(nameof(ISessionClient.ShownDismissed), ShownDismissed.Add);
        connection.On<DocumentShown>(nameof(ISessionClient.DocumentShown), DocumentsShown.Add);
        connection.On<PageCommand>(nameof(ISessionClient.PageTurned), PagesTurned.Add);
        connection.On<CallInfo>(nameof(ISessionClient.CallUpdated), Updated.Add);
        connection.On<MediaOffer>(nameof(ISessionClient.MediaOffered), MediaOffers.Add);
        connection.On<InvitationOutcome>(nameof(ISessionClient.InvitationEnded), Invitations.Add);
        await connection.StartAsync();
        Connection = connection;
        return connection;
    }

    public Task<T> InvokeAsync<T>(string method, params object?[] args) => Connection!.InvokeCoreAsync<T>(method, args);

    public Task InvokeAsync(string method, params object?[] args) => Connection!.InvokeCoreAsync(method, args);

    public static T Next<T>(BlockingCollection<T> messages, int seconds = 10) =>
        messages.TryTake(out var item, TimeSpan.FromSeconds(seconds)) ? item : throw new TimeoutException($"No {typeof(T).Name} arrived within {seconds} s.");

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        Http.Dispose();
    }
}
