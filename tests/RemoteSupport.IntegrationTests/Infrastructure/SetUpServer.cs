using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.IntegrationTests.Infrastructure;

/// A class fixture: one server whose first-run setup is done, and the admin's signed-in browser.
public class SetUpServer : IAsyncLifetime
{
    private CurrentUserResponse? _adminUser;
    private HttpClient? _admin;

    public SetUpServer()
        : this([])
    {
    }

    protected SetUpServer(params (string Key, object? Value)[] settings) => Factory = new RemoteSupportFactory(settings);

    public RemoteSupportFactory Factory { get; }

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("Not initialised.");

    public CurrentUserResponse AdminUser => _adminUser ?? throw new InvalidOperationException("Not initialised.");

    public virtual async Task InitializeAsync()
    {
        try
        {
            _admin = Factory.CreateBrowser();
            _adminUser = await _admin.SetupAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose initialisation failed: remove the temp data folder here.
            await DisposeAsync();
            throw;
        }
    }

    public virtual async Task DisposeAsync()
    {
        _admin?.Dispose();
        await Factory.DisposeAsync();
    }
}
