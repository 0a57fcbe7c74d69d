using System.Globalization;

namespace RemoteSupport.Bench;

/// Median and p95 (nearest rank) of a series of milliseconds.
internal sealed record Stats(string Name, int Count, double Median, double P95, double Min, double Max)
{
    public static Stats Of(string name, IReadOnlyCollection<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(name, sorted.Length, Rank(0.5), Rank(0.95), sorted[0], sorted[^1]);
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Count} | {Median:F0} | {P95:F0} | {Min:F0} | {Max:F0} |");

    public const string Header = "| measure | n | median ms | p95 ms | min ms | max ms |\n|---|---|---|---|---|---|";
}
