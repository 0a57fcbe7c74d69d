namespace RemoteSupport.Server.Infrastructure.Http;

/// Collects every problem of a request so the client gets them all at once.
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors AddRange(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(field, message);
        }

        return this;
    }

    /// Requires a non-blank value of at most maxLength characters.
    public ValidationErrors RequireText(string field, string? value, int maxLength, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"Enter {label}.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"Use at most {maxLength} characters for {label}.");
        }
        else if (value.Any(char.IsControl))
        {
            Add(field, $"Remove control characters from {label}.");
        }

        return this;
    }

    public ValidationErrors RequireEmail(string field, string? value)
    {
        RequireText(field, value, 254, "an email address");
        if (!string.IsNullOrWhiteSpace(value) && !LooksLikeEmail(value.Trim()))
        {
            Add(field, "Enter an email address like name@example.com.");
        }

        return this;
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
