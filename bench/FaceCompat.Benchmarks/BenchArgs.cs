using System.Globalization;

namespace FaceCompat.Benchmarks;

/// <summary>The <c>--name value</c> options of a benchmark's command line, with defaults.</summary>
internal sealed class BenchArgs(string[] args)
{
    public string Get(string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    public int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) =>
        double.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
