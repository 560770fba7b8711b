namespace FaceCompat.Benchmarks;

/// <summary>The machine's 1, 5 and 15 minute load averages, printed beside every timing so a busy machine shows.</summary>
internal static class LoadAverage
{
    public static string Now()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
