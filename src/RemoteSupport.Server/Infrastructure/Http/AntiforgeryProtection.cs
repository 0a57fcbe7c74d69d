using Microsoft.AspNetCore.Antiforgery;
using RemoteSupport.Contracts.Accounts;

namespace RemoteSupport.Server.Infrastructure.Http;

/// Every state-changing /api call carries the antiforgery request token in a header. The pages fetch it
/// from GET /api/antiforgery (the token is bound to who is signed in, so they fetch it again after sign-in).
internal static class AntiforgeryProtection
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IServiceCollection AddApiAntiforgery(this IServiceCollection services) => services.AddAntiforgery(o =>
    {
        o.HeaderName = HeaderName;
        o.Cookie.Name = "__Host-rs-af";
        o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.HttpOnly = true;
        o.Cookie.Path = "/";
    });

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        if (unsafeMethod && context.Request.Path.StartsWithSegments("/api"))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Antiforgery token missing or invalid.",
                    detail: "Reload the page and try again.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    public static void MapAntiforgeryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, HeaderName));
        }).WithTags("Security");
}
