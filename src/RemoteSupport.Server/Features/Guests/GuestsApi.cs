using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Guests;

/// Guests by link: an expert in a live call invites an outside specialist with a single-use link (token in the URL fragment,
/// so it never reaches logs or Referer headers); the guest enters a name and joins with a cookie bound to that one call.
public static class GuestsApi
{
    public const string JoinRateLimit = "guest-join";

    public static WebApplicationBuilder AddGuests(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GuestOptions>().BindConfiguration(GuestOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GuestOptions>, GuestOptionsValidator>();
        builder.Services.AddSingleton<GuestConnections>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, GuestAuthHandler>(GuestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(GuestAuthHandler.Policy, p => p
            .AddAuthenticationSchemes(GuestAuthHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(nameof(Contracts.Accounts.UserRole.Guest)));
        builder.Services.Configure<HubOptions>(o => o.AddFilter<GuestHubFilter>());
        var joins = builder.Configuration.GetValue($"{GuestOptions.SectionName}:{nameof(GuestOptions.JoinsPerIpPerMinute)}", 10);
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(JoinRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, joins), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static void MapGuestsApi(this IEndpointRouteBuilder app)
    {
        var experts = app.MapGroup("/api").WithTags("Guests").RequireAuthorization(PortalAuth.ExpertPolicy);
        experts.MapPost("/calls/{callId:guid}/guest-invites", InviteAsync);
        experts.MapGet("/calls/{callId:guid}/guest-invites", ListAsync);
        experts.MapDelete("/guest-invites/{id:guid}", RevokeAsync);

        var guest = app.MapGroup("/api/guest").WithTags("Guests");
        guest.MapPost("/join", GuestJoin.JoinAsync).RequireRateLimiting(JoinRateLimit);
        guest.MapGet("/me", MeAsync).RequireAuthorization(GuestAuthHandler.Policy);
        guest.MapPost("/leave", LeaveAsync).RequireAuthorization(GuestAuthHandler.Policy);
    }

    /// Only a participant of the live call may invite into it; any other call — ended, unknown, another organisation's,
    /// or one the expert is not in — is "not found".
    private static async Task<Results<Ok<GuestInviteCreatedResponse>, ProblemHttpResult>> InviteAsync(
        Guid callId, HttpContext context, AppDbContext db, CallCoordinator calls, AuditTrail audit, TimeProvider time,
        IOptions<GuestOptions> options, Sfu.MediaRooms rooms, ILogger<GuestInvite> logger, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        var call = calls.Snapshot(callId);
        if (call is null || call.OrganizationId != me.OrganizationId || call.Find(me.UserId) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "No live call of yours has this id.", detail: "Guests can be invited into a call you are in, while it lasts.");
        }

        // A guest is one more person: the call must go through the media server (ROUTED) — refuse now, not at their join.
        if (call.Mode != Contracts.Calls.CallMode.Routed && !rooms.Available)
        {
            return TypedResults.Problem(statusCode: 409, title: "Inviting a guest needs the media server, and it is not available right now.",
                detail: "Calls with more than two people go through the media server (Janus). Ask your administrator to check it.");
        }

        var now = time.GetUtcNow();
        var token = GuestSecrets.New();
        var invite = new GuestInvite
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = me.OrganizationId,
            CallId = callId,
            CreatedById = me.UserId,
            CreatedByName = me.DisplayName,
            TokenHash = GuestSecrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.InviteLifetime,
        };
        db.GuestInvites.Add(invite);
        audit.Record(me.OrganizationId, GuestAuditActions.Invited, $"call {callId}",
            $"invitation {invite.Id}, valid until {invite.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(ct);
        GuestsLog.Invited(logger, invite.Id, callId, invite.ExpiresAt);

        // The token goes in the fragment: browsers never send it to any server, so it is in no log and no Referer.
        var link = $"https://{context.Request.Host.ToUriComponent()}/join#{token}";
        return TypedResults.Ok(new GuestInviteCreatedResponse(invite.Id, link, invite.ExpiresAt));
    }

    /// The organisation's experts see every call's invitations (as they see its files and chat); never a token.
    private static async Task<Results<Ok<GuestInviteResponse[]>, NotFound>> ListAsync(
        Guid callId, HttpContext context, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        if (!await db.CallSessions.AnyAsync(c => c.Id == callId && c.OrganizationId == me.OrganizationId, ct))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var invites = await db.GuestInvites.AsNoTracking()
            .Where(i => i.CallId == callId && i.OrganizationId == me.OrganizationId)
            .ToListAsync(ct);
        return TypedResults.Ok(invites.OrderByDescending(i => i.CreatedAt).Select(i => new GuestInviteResponse(
            i.Id, i.CallId, i.StatusAt(now), i.CreatedByName, i.CreatedAt, i.ExpiresAt, i.RedeemedAt, i.RevokedAt, i.GuestName)).ToArray());
    }

    /// Withdraws an invitation. A guest who joined with it is signed out: the cookie fails from the next request on and open
    /// hub connections are closed.
    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        Guid id, HttpContext context, AppDbContext db, AuditTrail audit, TimeProvider time, GuestConnections connections,
        ILogger<GuestInvite> logger, CancellationToken ct)
    {
        var me = PortalUser.From(context.User);
        var invite = await db.GuestInvites.FirstOrDefaultAsync(i => i.Id == id && i.OrganizationId == me.OrganizationId, ct);
        if (invite is null)
        {
            return TypedResults.NotFound();
        }

        if (invite.RevokedAt is null)
        {
            invite.RevokedAt = time.GetUtcNow();
            audit.Record(me.OrganizationId, GuestAuditActions.Revoked, invite.GuestName is null ? "unused invitation" : $"guest {invite.GuestName}",
                $"call {invite.CallId}, invitation {invite.Id}");
            await db.SaveChangesAsync(ct);
            GuestsLog.Revoked(logger, invite.Id, invite.GuestId);
        }

        if (invite.GuestId is { } guestId)
        {
            connections.SignOut(guestId);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<GuestSessionResponse>> MeAsync(HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var guest = GuestUser.From(context.User);
        var organizationName = await db.Organizations.Where(o => o.Id == guest.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return TypedResults.Ok(new GuestSessionResponse(guest.CallId, guest.DisplayName, organizationName));
    }

    /// The guest leaves: their session secret is forgotten (a copied cookie stops working too) and the cookie is removed.
    /// The invitation stays used.
    private static async Task<NoContent> LeaveAsync(HttpContext context, AppDbContext db, GuestConnections connections, CancellationToken ct)
    {
        var guest = GuestUser.From(context.User);
        await db.GuestInvites.Where(i => i.GuestId == guest.GuestId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.GuestSecretHash, (byte[]?)null), ct);
        context.Response.Cookies.Delete(GuestSecrets.CookieName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        connections.SignOut(guest.GuestId);
        return TypedResults.NoContent();
    }
}

/// The audit actions of this feature.
public static class GuestAuditActions
{
    public const string Invited = "guest.invited";
    public const string Joined = "guest.joined";
    public const string Revoked = "guest.revoked";
}
