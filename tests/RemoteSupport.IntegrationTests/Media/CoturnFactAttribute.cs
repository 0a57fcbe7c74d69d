using RemoteSupport.Server.Features.Media;

namespace RemoteSupport.IntegrationTests.Media;

/// A test that runs the real coturn. Without it the test is reported as skipped with the reason, except on CI
/// (CI=true), where a missing coturn must fail the build rather than hide the test.
public sealed class CoturnFactAttribute : FactAttribute
{
    public CoturnFactAttribute()
    {
        if (TurnserverBinary.Find("turnserver") is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "coturn is not installed (apt-get install coturn); with CI=true this test fails instead.";
        }
    }
}
