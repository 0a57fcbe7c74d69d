using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Guests;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;

namespace RemoteSupport.Server.Features.Guests;

/// POST /api/guest/join: redeems an invitation once. Every refusal leaves the invitation as it was.
internal static class GuestJoin
{
    public const int MaxNameLength = 60;
    public const string NotValid = "This invitation is not valid.";
    public const string Expired = "This invitation has expired.";
    public const string AlreadyUsed = "This invitation was already used.";
    public const string Withdrawn = "This invitation was withdrawn.";
    public const string SessionEnded = "This session has ended.";
    public const string SignedIn = "You are signed in to Remote Support in this browser.";
    private const string AskAgain = "Ask the expert who invited you for a new link.";

    public static async Task<Results<Ok<GuestSessionResponse>, ValidationProblem, ProblemHttpResult>> JoinAsync(
        GuestJoinRequest request, HttpContext context, AppDbContext db, CallCoordinator calls, AuditTrail audit, TimeProvider time,
        ILogger<GuestInvite> logger, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var token = request.Token?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            errors.Add("Token", "Open the invitation link you were sent: it carries the invitation.");
        }

        var name = request.DisplayName?.Trim() ?? string.Empty;
        errors.AddRange("DisplayName", NameProblems(name));
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        // Someone signed in to the portal in this browser (an expert trying their own link) would be two people at once.
        if ((await context.AuthenticateAsync(Accounts.PortalAuth.Scheme)).Succeeded)
        {
            return Refuse(409, SignedIn, "Open the link in a private window or another browser, or sign out of Remote Support first.");
        }

        var now = time.GetUtcNow();
        var invite = GuestSecrets.LooksLikeToken(token!)
            ? await db.GuestInvites.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == GuestSecrets.Hash(token!), ct)
            : null;
        if (invite is null)
        {
            GuestsLog.JoinRefused(logger, null, 404, NotValid);
            return Refuse(404, NotValid, "Check that you opened the whole link. " + AskAgain);
        }

        if (Unusable(invite, now, calls) is { } refusal)
        {
            GuestsLog.JoinRefused(logger, invite.Id, refusal.StatusCode, refusal.ProblemDetails.Title ?? string.Empty);
            return refusal;
        }

        // Single use even under races: only the request whose conditional update changes the row wins.
        var guestId = Guid.CreateVersion7(now);
        var secret = GuestSecrets.New();
        var secretHash = GuestSecrets.Hash(secret);
        var won = await db.GuestInvites
            .Where(i => i.Id == invite.Id && i.RedeemedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.RedeemedAt, now)
                .SetProperty(i => i.GuestName, name)
                .SetProperty(i => i.GuestId, guestId)
                .SetProperty(i => i.GuestSecretHash, secretHash), ct) == 1;
        if (!won)
        {
            var current = await db.GuestInvites.AsNoTracking().FirstAsync(i => i.Id == invite.Id, ct);
            var lost = Unusable(current, now, calls) ?? Refuse(409, AlreadyUsed, AskAgain);
            GuestsLog.JoinRefused(logger, invite.Id, lost.StatusCode, lost.ProblemDetails.Title ?? string.Empty);
            return lost;
        }

        audit.Record(invite.OrganizationId, GuestAuditActions.Joined, $"guest {name}", $"call {invite.CallId}, invitation {invite.Id}", guestId, $"{name} (guest)");
        await db.SaveChangesAsync(ct);
        GuestsLog.Joined(logger, guestId, invite.CallId, invite.Id);
        var sessionEnds = invite.ExpiresAt < now + GuestInvite.MaxSessionLifetime ? invite.ExpiresAt : now + GuestInvite.MaxSessionLifetime;
        GuestSecrets.SetCookie(context, secret, sessionEnds);

        var organizationName = await db.Organizations.Where(o => o.Id == invite.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return TypedResults.Ok(new GuestSessionResponse(invite.CallId, name, organizationName));
    }

    /// Every problem with a display name at once (it is shown to everyone in the call).
    public static List<string> NameProblems(string name)
    {
        var problems = new List<string>();
        if (name.Length == 0)
        {
            problems.Add("Enter your name.");
        }

        if (name.Length > MaxNameLength)
        {
            problems.Add($"Use at most {MaxNameLength} characters for your name.");
        }

        // Control characters, and invisible format characters such as right-to-left overrides that disguise a name.
        if (name.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            problems.Add("Remove control and invisible characters from your name.");
        }

        return problems;
    }

    /// Why this invitation cannot be used now; null if it can.
    private static ProblemHttpResult? Unusable(GuestInvite invite, DateTimeOffset now, CallCoordinator calls) => invite switch
    {
        { RevokedAt: not null } => Refuse(410, Withdrawn, AskAgain),
        { RedeemedAt: not null } => Refuse(409, AlreadyUsed, "Each link lets one person join once. " + AskAgain),
        _ when invite.ExpiresAt <= now => Refuse(410, Expired, AskAgain),
        _ when calls.Snapshot(invite.CallId) is null => Refuse(410, SessionEnded, "The call you were invited to is over."),
        _ => null,
    };

    private static ProblemHttpResult Refuse(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
