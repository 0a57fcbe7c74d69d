using System.Diagnostics;

namespace RemoteSupport.Server.Infrastructure.Http;

/// Every ProblemDetails the server writes carries a trace id, and framework-made ones get readable titles.
internal static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
        {
            context.ProblemDetails.Title = "The request body is too large.";
        }
    }
}
