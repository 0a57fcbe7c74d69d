using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RemoteSupport.Server.Infrastructure.Data;

namespace RemoteSupport.Server.Features.SessionFiles;

/// An upload received into a temp file (deleted when disposed), never held in memory.
public sealed class ReceivedUpload(FileStream file, string? fileName) : IAsyncDisposable
{
    public FileStream File { get; } = file;

    public string? FileName { get; } = fileName;

    public ValueTask DisposeAsync() => File.DisposeAsync();
}

/// Why an upload could not be received.
public sealed record UploadProblem(int Status, string Field, string Message);

/// Streams the "file" part of a multipart/form-data body into a temp file in the data folder, stopping as soon as it passes
/// the size limit. Only this endpoint's body may be large: the global Kestrel limit stays small for every other request.
public sealed class UploadReceiver(IOptions<SessionFilesOptions> options, IOptions<DataFolderOptions> data)
{
    public const string FilePart = "file";

    // Room for the multipart boundaries and part headers around the file.
    private const long EnvelopeAllowance = 64 * 1024;

    public string TempFolder => Path.Combine(data.Value.FullPath, "uploads");

    public string TooLargeMessage => $"Files can be at most {FormatSize(options.Value.MaxUploadBytes)}.";

    public async Task<(ReceivedUpload? Upload, UploadProblem? Problem)> ReceiveAsync(HttpContext context, CancellationToken ct)
    {
        var max = options.Value.MaxUploadBytes;
        if (context.Request.ContentLength > max + EnvelopeAllowance)
        {
            return (null, new UploadProblem(StatusCodes.Status413PayloadTooLarge, FilePart, TooLargeMessage));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = max + EnvelopeAllowance;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, new UploadProblem(StatusCodes.Status400BadRequest, FilePart, "Send the file as multipart/form-data in a part named \"file\"."));
        }

        try
        {
            var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition() || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FilePart, StringComparison.Ordinal))
                {
                    continue;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var file = CreateTempFile();
                try
                {
                    if (!await CopyWithLimitAsync(section.Body, file, max, ct))
                    {
                        await file.DisposeAsync();
                        return (null, new UploadProblem(StatusCodes.Status413PayloadTooLarge, FilePart, TooLargeMessage));
                    }

                    file.Position = 0;
                    return (new ReceivedUpload(file, fileName), null);
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, new UploadProblem(StatusCodes.Status413PayloadTooLarge, FilePart, TooLargeMessage));
        }
        catch (InvalidDataException)
        {
            return (null, new UploadProblem(StatusCodes.Status400BadRequest, FilePart, "The multipart/form-data body is malformed."));
        }

        return (null, new UploadProblem(StatusCodes.Status400BadRequest, FilePart, "Choose a file to upload (a part named \"file\")."));
    }

    /// A temp file that the OS removes when it is closed, also when the request fails half way.
    public FileStream CreateTempFile()
    {
        Directory.CreateDirectory(TempFolder);
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(TempFolder, Guid.NewGuid().ToString("n") + ".part"), fileOptions);
    }

    private static async Task<bool> CopyWithLimitAsync(Stream source, Stream destination, long max, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > max)
            {
                return false;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return true;
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 when bytes % (1024L * 1024 * 1024) == 0 => $"{bytes / (1024L * 1024 * 1024)} GB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
