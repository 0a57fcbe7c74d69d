using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Infrastructure.Http;

/// Server:MaxRequestBodyBytes is a Kestrel limit, which TestServer does not enforce: these tests run the server
/// on real Kestrel over HTTPS with its generated certificate (pinned by the client).
public sealed class RequestBodyLimitTests
{
    private const int Limit = 4096;

    [Fact]
    public async Task Post_BodyOverMaxRequestBodyBytes_Is413Problem()
    {
        await using var server = await KestrelServer.StartAsync(("Server:MaxRequestBodyBytes", Limit));
        await server.Client.GetAntiforgeryAsync();
        var content = new StringContent($"{{\"email\":\"ada@contoso.test\",\"password\":\"{new string('x', Limit * 2)}\"}}", Encoding.UTF8, "application/json");

        using var response = await server.Client.PostAsync("/api/auth/sign-in", content);

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), body);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverMaxRequestBodyBytes_Is413()
    {
        await using var server = await KestrelServer.StartAsync(("Server:MaxRequestBodyBytes", Limit));
        await server.Client.GetAntiforgeryAsync();
        var bytes = Encoding.UTF8.GetBytes($"{{\"email\":\"ada@contoso.test\",\"password\":\"{new string('x', Limit * 2)}\"}}");
        var body = new StreamContent(new MemoryStream(bytes));   // no length: sent chunked
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = body };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Client.SendAsync(request);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_BodyUnderMaxRequestBodyBytes_IsHandled()
    {
        await using var server = await KestrelServer.StartAsync(("Server:MaxRequestBodyBytes", Limit));
        await server.Client.GetAntiforgeryAsync();

        using var response = await server.Client.PostJsonAsync("/api/auth/sign-in", new SignInRequest("ada@contoso.test", new string('x', Limit / 2)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Kestrel_HttpsEndpoint_ServesTheGeneratedCertificateAndHsts()
    {
        await using var server = await KestrelServer.StartAsync();

        using var response = await server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(server.CertificateSeen);
    }

    /// The app on Kestrel, listening on 127.0.0.1 at a free port with HTTPS only.
    private sealed class KestrelServer : IAsyncDisposable
    {
        private readonly RemoteSupportFactory _factory;
        private X509Certificate2? _expected;

        private KestrelServer(RemoteSupportFactory factory, int port)
        {
            _factory = factory;
            var handler = new SocketsHttpHandler
            {
                CookieContainer = new CookieContainer(),
                SslOptions =
                {
                    // Trust exactly the certificate the server generated in its data folder.
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        CertificateSeen = certificate is not null && _expected is not null && certificate.GetCertHashString() == _expected.Thumbprint;
                        return CertificateSeen;
                    },
                },
            };
            Client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        }

        public HttpClient Client { get; }

        public bool CertificateSeen { get; private set; }

        public static Task<KestrelServer> StartAsync(params (string Key, object? Value)[] settings)
        {
            var port = FreePort();
            var factory = new RemoteSupportFactory([.. settings, ("Server:ListenAddress", "127.0.0.1"), ("Server:HttpsPort", port), ("Server:HttpPort", 0)]);
            try
            {
                factory.UseKestrel();
                factory.StartServer();
                var server = new KestrelServer(factory, port)
                {
                    _expected = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(factory.DataFolder, "tls", "server.crt"))),
                };
                return Task.FromResult(server);
            }
            catch
            {
                factory.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            _expected?.Dispose();
            await _factory.DisposeAsync();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
