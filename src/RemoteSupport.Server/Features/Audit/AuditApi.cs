using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Contracts.Audit;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.Audit;

public static class AuditApi
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditTrail>();

    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").RequireAuthorization(PortalAuth.OrgAdminPolicy);

    private static async Task<Ok<AuditEventResponse[]>> ListAsync(HttpContext context, AppDbContext db, int? take, CancellationToken ct)
    {
        var orgId = PortalUser.From(context.User).OrganizationId;
        var count = Math.Clamp(take ?? 200, 1, 1000);
        var events = await db.AuditEvents.Where(a => a.OrganizationId == orgId)
            .OrderByDescending(a => a.At).Take(count)
            .Select(a => new AuditEventResponse(a.Id, a.At, a.Action, a.ActorUserId, a.ActorName, a.Target, a.Details, a.IpAddress))
            .ToArrayAsync(ct);
        return TypedResults.Ok(events);
    }
}
