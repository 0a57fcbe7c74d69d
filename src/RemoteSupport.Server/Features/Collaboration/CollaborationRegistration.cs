using Microsoft.AspNetCore.Http.HttpResults;
using RemoteSupport.Contracts.Collaboration;
using RemoteSupport.Server.Features.Accounts;

namespace RemoteSupport.Server.Features.Collaboration;

public static class CollaborationRegistration
{
    public static WebApplicationBuilder AddCollaboration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollaborationOptions>().BindConfiguration(CollaborationOptions.SectionName)
            .Validate(o => o.PointerMovesPerSecond is > 0 and <= 1000, "Collaboration: PointerMovesPerSecond must be between 1 and 1000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PointerRelay>();
        builder.Services.AddScoped<ChatService>();
        builder.Services.AddScoped<SnapshotRelay>();
        builder.Services.AddScoped<DocumentRelay>();
        return builder;
    }

    public static void MapCollaborationApi(this WebApplication app) =>
        app.MapGet("/api/calls/{callId:guid}/chat", ChatAsync).WithTags("Collaboration").RequireAuthorization(PortalAuth.ExpertPolicy);

    /// A call's chat for the organisation's experts and admins; another organisation's call is not found.
    private static async Task<Results<Ok<ChatMessageInfo[]>, NotFound>> ChatAsync(Guid callId, HttpContext context, ChatService chat, CancellationToken ct)
    {
        var messages = await chat.ListForOrganizationAsync(PortalUser.From(context.User).OrganizationId, callId, ct);
        return messages is null ? TypedResults.NotFound() : TypedResults.Ok(messages);
    }
}
