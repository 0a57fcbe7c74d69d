using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Calls;

/// An organisation with an admin (who acts as the expert) and a technician with paired glasses, each connected to the hub.
public sealed class CallScene : IAsyncDisposable
{
    private readonly List<HubClient> _clients = [];

    private CallScene(RemoteSupportFactory factory) => Factory = factory;

    public RemoteSupportFactory Factory { get; }
    public HubClient Expert { get; private set; } = null!;
    public HubClient Glasses { get; private set; } = null!;
    public Guid ExpertId { get; private set; }
    public Guid TechnicianId { get; private set; }

    public static async Task<CallScene> CreateAsync(params (string Key, object? Value)[] settings)
    {
        var scene = new CallScene(new RemoteSupportFactory(settings));
        scene.Expert = scene.NewClient();
        scene.ExpertId = (await scene.Expert.Http.SetupAsync()).Id;
        var technician = await scene.Expert.Http.CreateUserAsync("Tess Technician", "tess@contoso.test", UserRole.Technician);
        scene.TechnicianId = technician.Id;
        scene.Glasses = await scene.PairGlassesAsync();
        await scene.Expert.ConnectAsync();
        await scene.Glasses.ConnectAsync();
        await scene.WaitOnlineAsync(scene.ExpertId);
        await scene.WaitOnlineAsync(scene.TechnicianId);
        return scene;
    }

    /// The client's StartAsync can return before the server's OnConnectedAsync registered the connection: wait for it, or a
    /// call placed at once finds the person "offline".
    public async Task WaitOnlineAsync(Guid userId)
    {
        var registry = Factory.Services.GetRequiredService<RemoteSupport.Server.Features.Calls.ConnectionRegistry>();
        for (var i = 0; i < 200 && !registry.IsOnline(userId); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(registry.IsOnline(userId), $"User {userId} did not come online.");
    }

    public HubClient NewClient()
    {
        var client = new HubClient(Factory);
        _clients.Add(client);
        return client;
    }

    /// Another paired device of the same technician (not yet connected).
    public async Task<HubClient> PairGlassesAsync()
    {
        var pairing = await Expert.Http.StartPairingAsync(TechnicianId);
        var glasses = NewClient();
        await glasses.Http.ClaimAsync(pairing.Code);
        return glasses;
    }

    /// A second expert of the organisation, signed in with a password of their own and connected.
    public async Task<(HubClient Client, Guid Id)> AddExpertAsync(string name, string email)
    {
        const string temporary = "temporary orchard lantern 42";
        var user = await Expert.Http.CreateUserAsync(name, email, UserRole.Expert, temporary);
        var client = NewClient();
        await client.Http.SignInAsync(email, temporary);
        await client.Http.ChangePasswordAsync(temporary, "copper kettle under midnight rain");
        await client.ConnectAsync();
        await WaitOnlineAsync(user.Id);
        return (client, user.Id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Factory.DisposeAsync();
    }
}
