using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Contracts.Accounts;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Guests;

/// Authenticates a guest by the session cookie set when they redeemed an invitation. Checked against the database on every
/// request and hub connection, so revoking the invitation, its expiry or the end of the call signs the guest out at once.
/// Guests never pass the portal's policies (those only use the portal scheme); they are let into the hub policy only.
internal sealed class GuestAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider time, CallCoordinator calls, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Guest";
    public const string Policy = "guest";
    public const string CallClaim = "rs:call";
    public const string OrganizationClaim = "rs:org";
    private const string FailureItem = "rs:guest-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(GuestSecrets.CookieName, out var secret) || string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return AuthenticateResult.NoResult();
        }

        // A browser signed in to the portal is that user, never also a guest: the hub policy would merge both identities.
        if (Request.Cookies.ContainsKey(cookies.Get(Accounts.PortalAuth.Scheme).Cookie.Name!))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = GuestSecrets.Hash(secret);
        var invite = await db.GuestInvites.AsNoTracking().FirstOrDefaultAsync(i => i.GuestSecretHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        var failure = invite switch
        {
            null or { GuestId: null } or { GuestName: null } => "This guest session is not valid. Ask the expert for a new invitation.",
            { RevokedAt: not null } => "The expert withdrew your invitation.",
            _ when invite.SessionEndsAt <= now => "Your guest session has expired. Ask the expert for a new invitation.",
            _ when calls.Snapshot(invite.CallId) is not { } call || call.OrganizationId != invite.OrganizationId => "The session has ended.",
            _ => null,
        };
        if (failure is not null)
        {
            Context.Items[FailureItem] = failure;
            return AuthenticateResult.Fail(failure);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, invite!.GuestId!.Value.ToString()),
            new Claim(OrganizationClaim, invite.OrganizationId.ToString()),
            new Claim(ClaimTypes.Name, invite.GuestName!),
            new Claim(ClaimTypes.Role, nameof(UserRole.Guest)),
            new Claim(CallClaim, invite.CallId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // In the hub policy another scheme may have answered already.
        if (Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var detail = Context.Items[FailureItem] as string;
        return Results.Problem(statusCode: 401, title: "Join with an invitation link first.", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Response.HasStarted
        ? Task.CompletedTask
        : Results.Problem(statusCode: 403, title: "Guests cannot do this.").ExecuteAsync(Context);
}

/// What the guest cookie says about its guest.
internal sealed record GuestUser(Guid GuestId, Guid OrganizationId, Guid CallId, string DisplayName)
{
    public static bool IsGuest(ClaimsPrincipal? user) => user?.IsInRole(nameof(UserRole.Guest)) == true && user.HasClaim(c => c.Type == GuestAuthHandler.CallClaim);

    public static GuestUser From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(GuestAuthHandler.OrganizationClaim)!),
        Guid.Parse(user.FindFirstValue(GuestAuthHandler.CallClaim)!),
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty);
}
