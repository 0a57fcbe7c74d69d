using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace RemoteSupport.Server.Infrastructure.Http;

/// Turns unexpected exceptions into ProblemDetails with a trace id; never sends exception text or paths.
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException } => (400, "The request body is not valid JSON for this endpoint."),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The request was cancelled."),
            _ => (500, "Something went wrong on the server. Quote the trace id when reporting it."),
        };

        if (status == 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
