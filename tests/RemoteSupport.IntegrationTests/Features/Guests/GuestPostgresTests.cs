using System.Net;
using Npgsql;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.IntegrationTests.Features.Calls;
using RemoteSupport.IntegrationTests.Features.SessionFiles;
using RemoteSupport.IntegrationTests.Infrastructure;
using RemoteSupport.IntegrationTests.Infrastructure.Data;

namespace RemoteSupport.IntegrationTests.Features.Guests;

/// The single-use redeem (a conditional UPDATE) and revocation on PostgreSQL, in a database of its own so that it does not
/// meet the other PostgreSQL tests' organisation.
public sealed class GuestPostgresTests
{
    [PostgresFact]
    public async Task Postgres_Join_HasOneWinner_AndRevokeSignsOut()
    {
        var server = PostgresFactAttribute.ConnectionString ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set.");
        var database = $"rs_guests_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            var (scene, callId) = await GuestScene.CreateWithLiveCallAsync(("Database:Provider", "Postgres"), ("Database:ConnectionString", connectionString));
            await using var _ = scene;
            var invite = await scene.Expert.Http.InviteAsync(callId);
            var guests = Enumerable.Range(0, 6).Select(_ => scene.NewClient()).ToList();
            foreach (var guest in guests)
            {
                await guest.Http.GetAntiforgeryAsync();
            }

            var responses = await Task.WhenAll(guests.Select(g =>
                g.Http.PostJsonAsync("/api/guest/join", new GuestJoinRequest(GuestScene.TokenOf(invite), "Gina Guest"))));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            var winner = guests[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
            Assert.Equal("Gina Guest", (await winner.Http.GetJsonAsync<GuestSessionResponse>("/api/guest/me")).DisplayName);

            using (var revoked = await scene.Expert.Http.DeleteAsync($"/api/guest-invites/{invite.InviteId}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            }

            using var me = await winner.Http.GetAsync("/api/guest/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            var listed = Assert.Single(await scene.Expert.Http.GetJsonAsync<GuestInviteResponse[]>($"/api/calls/{callId}/guest-invites"));
            Assert.Equal(GuestInviteStatus.Revoked, listed.Status);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
