using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using RemoteSupport.Server.Features.Accounts;
using RemoteSupport.Server.Features.Audit;
using RemoteSupport.Server.Features.Calls;
using RemoteSupport.Server.Features.Collaboration;
using RemoteSupport.Server.Features.Devices;
using RemoteSupport.Server.Features.Guests;
using RemoteSupport.Server.Features.Health;
using RemoteSupport.Server.Features.Media;
using RemoteSupport.Server.Features.Organizations;
using RemoteSupport.Server.Features.Recordings;
using RemoteSupport.Server.Features.SessionFiles;
using RemoteSupport.Server.Features.Sfu;
using RemoteSupport.Server.Features.Storage;
using RemoteSupport.Server.Infrastructure.Data;
using RemoteSupport.Server.Infrastructure.Http;
using RemoteSupport.Server.Infrastructure.Https;
using RemoteSupport.Server.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddApiAntiforgery();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Server:MaxRequestBodyBytes", 256 * 1024));

builder.AddHttpsEndpoints();
builder.AddDatabase();
builder.AddStorage();
builder.AddAccounts();
builder.AddDevices();
builder.Services.AddAudit();
builder.AddMedia();
builder.AddSfu();
builder.AddCalls();
builder.AddCollaboration();
builder.AddSessionFiles();
builder.AddRecordings();
builder.AddGuests();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseHttpsRedirection();
app.UseAuthentication();

// Before authorization: endpoints open to paired devices switch the user to the device's identity there,
// while every token (the glass app's too) is bound to the portal session or to no one.
app.UseApiAntiforgery();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi("/api/openapi.json");
app.MapHealthApi();
app.MapAntiforgeryApi();
app.MapAccountsApi();
app.MapOrganizationsApi();
app.MapDevicesApi();
app.MapAuditApi();
app.MapCallsApi();
app.MapCollaborationApi();
app.MapSessionFilesApi();
app.MapRecordingsApi();
app.MapGuestsApi();
app.MapWebClients();

await app.MigrateDatabaseAsync();
app.PrintWelcome();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
