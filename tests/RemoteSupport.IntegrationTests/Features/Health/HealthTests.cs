using System.Net;
using System.Text.Json;
using RemoteSupport.IntegrationTests.Infrastructure;

namespace RemoteSupport.IntegrationTests.Features.Health;

public sealed class HealthTests(SetUpServer server) : IClassFixture<SetUpServer>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_DatabaseReachable_IsReady(string path)
    {
        using var client = server.Factory.CreateBrowser();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("live").GetBoolean());
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task HealthLive_Always_AnswersWithoutChecks()
    {
        using var client = server.Factory.CreateBrowser();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("live").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("checks").EnumerateObject());
    }
}
