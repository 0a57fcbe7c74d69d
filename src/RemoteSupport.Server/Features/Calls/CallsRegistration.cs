using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Contracts.Calls;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Devices;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Calls;

public static class CallsRegistration
{
    public const string HubPolicy = "hub";

    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallsOptions>().BindConfiguration(CallsOptions.SectionName)
            .Validate(o => o.RingTimeout > TimeSpan.Zero && o.ReconnectGrace > TimeSpan.Zero && o.MaxSignalPayload > 0,
                "Calls: RingTimeout, ReconnectGrace and MaxSignalPayload must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<CallCoordinator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CallCoordinator>());
        builder.Services.AddSingleton<Routed.RoutedMedia>();
        builder.Services.AddSingleton<Routed.CallRecorder>();
        builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 64 * 1024;
            o.EnableDetailedErrors = false;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Portal users and paired devices both use the hub; someone who must change their password first does not.
        builder.Services.AddAuthorizationBuilder().AddPolicy(HubPolicy, p => p
            .AddAuthenticationSchemes(PortalAuth.Scheme, DeviceAuthHandler.SchemeName, Guests.GuestAuthHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => !c.User.HasClaim(PortalUser.MustChangePasswordClaim, "true")));
        return builder;
    }

    public static void MapCallsApi(this WebApplication app)
    {
        app.MapHub<SessionHub>("/hubs/session");
        app.MapGet("/api/calls", HistoryAsync).WithTags("Calls").RequireAuthorization(PortalAuth.ActivePolicy);
        app.MapGet("/api/calls/{callId:guid}", DetailAsync).WithTags("Calls").RequireAuthorization(PortalAuth.ActivePolicy);
    }

    /// One call of the organisation, for its session page. Experts and admins see every call of their organisation (as they
    /// see its files and chat); anyone else only the calls they took part in. Everything else is not found.
    private static async Task<Results<Ok<CallHistoryEntry>, NotFound>> DetailAsync(Guid callId, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        var calls = db.CallSessions.AsNoTracking().Where(c => c.Id == callId && c.OrganizationId == me.OrganizationId);
        if (me.Role is not (UserRole.Expert or UserRole.OrgAdmin))
        {
            calls = TookPart(calls, db, me.UserId);
        }

        var row = await calls
            .Join(db.Users, c => c.CallerId, u => u.Id, (c, caller) => new { c, caller })
            .Join(db.Users, x => x.c.CalleeId, u => u.Id, (x, callee) => new { x.c, x.caller, callee })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var others = await OthersAsync(db, [row.c.Id], ct);
        return TypedResults.Ok(ToEntry(row.c, row.caller, row.callee, others));
    }

    /// The signed-in user's calls, or (admins, scope=organization) every call of the organisation.
    private static async Task<Results<Ok<CallHistoryEntry[]>, ValidationProblem, ForbidHttpResult>> HistoryAsync(
        HttpContext context, AppDbContext db, string? scope, int? take, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        if (scope is not null and not "mine" and not "organization")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["Use scope=mine or scope=organization."] });
        }

        var everyone = scope == "organization";
        if (everyone && me.Role != UserRole.OrgAdmin)
        {
            return TypedResults.Forbid();
        }

        var calls = db.CallSessions.AsNoTracking().Where(c => c.OrganizationId == me.OrganizationId);
        if (!everyone)
        {
            calls = TookPart(calls, db, me.UserId);
        }

        var rows = await calls.OrderByDescending(c => c.StartedAt).Take(Math.Clamp(take ?? 100, 1, 500))
            .Join(db.Users, c => c.CallerId, u => u.Id, (c, caller) => new { c, caller })
            .Join(db.Users, x => x.c.CalleeId, u => u.Id, (x, callee) => new { x.c, x.caller, callee })
            .ToListAsync(ct);
        var others = await OthersAsync(db, rows.Select(r => r.c.Id).ToList(), ct);
        return TypedResults.Ok(rows.OrderByDescending(r => r.c.StartedAt).Select(r => ToEntry(r.c, r.caller, r.callee, others)).ToArray());
    }

    /// Calls this user started, was called in, or joined later (invited).
    private static IQueryable<CallSession> TookPart(IQueryable<CallSession> calls, AppDbContext db, Guid userId) =>
        calls.Where(c => c.CallerId == userId || c.CalleeId == userId || db.CallParticipations.Any(p => p.CallId == c.Id && p.ParticipantId == userId));

    /// Who joined these calls beyond caller and callee, once each, in joining order.
    private static async Task<ILookup<Guid, CallParticipant>> OthersAsync(AppDbContext db, List<Guid> callIds, CancellationToken ct)
    {
        var rows = await db.CallParticipations.AsNoTracking().Where(p => callIds.Contains(p.CallId)).ToListAsync(ct);
        return rows.OrderBy(p => p.JoinedAt).DistinctBy(p => (p.CallId, p.ParticipantId))
            .ToLookup(p => p.CallId, p => new CallParticipant(p.ParticipantId, p.DisplayName, p.Role));
    }

    private static CallHistoryEntry ToEntry(CallSession call, User caller, User callee, ILookup<Guid, CallParticipant> others) => new(
        call.Id,
        new CallParticipant(caller.Id, caller.DisplayName, caller.Role),
        new CallParticipant(callee.Id, callee.DisplayName, callee.Role),
        call.StartedAt,
        call.AnsweredAt,
        call.EndedAt,
        call.EndReason,
        call.AnsweredAt is { } answered && call.EndedAt is { } ended ? (int)(ended - answered).TotalSeconds : 0,
        others[call.Id].ToArray());
}
