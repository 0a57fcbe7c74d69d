namespace RemoteSupport.IntegrationTests.Infrastructure;

public static class CookieAssert
{
    /// A __Host- cookie: Secure, Path=/, no Domain; and HttpOnly, SameSite=Strict as every cookie of this server.
    public static void IsHostOnlySecureStrict(string setCookie)
    {
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith("__Host-", attributes[0], StringComparison.Ordinal);
        Assert.Contains("secure", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
    }
}
