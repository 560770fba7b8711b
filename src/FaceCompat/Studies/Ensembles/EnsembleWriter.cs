using System.Globalization;
using System.Text;
using FaceCompat.Analysis;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies.Ensembles;

/// <summary>An ensemble run's files: results.csv (every value), summary.csv (mean, std and 95% t interval over the seeds), tests.csv.</summary>
internal static class EnsembleWriter
{
    /// <summary>Writes the files into <paramref name="outDir"/> (all or nothing).</summary>
    public static void WriteFolder(string outDir, EnsembleResult result)
    {
        using var output = OutputDirectory.Begin(outDir);
        var csv = new StringBuilder("method,model,seed,protocol,task,metric,value\n");
        foreach (var r in result.Rows)
            csv.Append(Invariant($"{r.Method},{r.Model},{r.Seed},{r.Protocol},{r.Task},{r.Metric},{r.Value:R}\n"));
        AtomicFile.WriteAllText(output.PathOf("results.csv"), csv.ToString());

        var summary = new StringBuilder("method,model,protocol,metric,seeds,mean,std,ci95_low,ci95_high\n");
        foreach (var s in Summaries(result))
            summary.Append(Invariant($"{s.Method},{s.Model},{s.Protocol},{s.Metric},{s.Summary.Count},{s.Summary.Mean:R},{Measured(s.Summary.Std)},{Measured(s.Low)},{Measured(s.High)}\n"));
        AtomicFile.WriteAllText(output.PathOf("summary.csv"), summary.ToString());

        var tests = new StringBuilder("method,against,metric,mean_difference,differences,wilcoxon_p,sign_flip_p\n");
        foreach (var t in result.Tests)
            tests.Append(Invariant($"hub-fusion,{t.Against},{t.Metric},{t.MeanDifference:R},{string.Join(' ', t.Differences.Select(d => d.ToString("R", CultureInfo.InvariantCulture)))},{t.Wilcoxon.PValue:R},{t.SignFlip.PValue:R}\n"));
        AtomicFile.WriteAllText(output.PathOf("tests.csv"), tests.ToString());

        var hubs = new StringBuilder("seed,iterations,converged,seconds\n");
        foreach (var h in result.Hubs) hubs.Append(Invariant($"{h.Seed},{h.Iterations},{(h.Converged ? "true" : "false")},{h.Seconds:F1}\n"));
        AtomicFile.WriteAllText(output.PathOf("hubs.csv"), hubs.ToString());
        output.Commit();
    }

    /// <summary>Mean, sample std and the 95% Student-t interval over the seeds of each method, model and metric.</summary>
    public static IEnumerable<(string Method, string Model, string Protocol, string Metric, Summary Summary, double Low, double High)> Summaries(EnsembleResult result) =>
        result.Rows.GroupBy(r => (r.Method, r.Model, r.Protocol, r.Metric)).Select(g =>
        {
            var s = Summary.Of(g.Select(r => r.Value).ToArray());
            var half = s.Count > 1 ? StudentT.Quantile975(s.Count - 1) * s.Std / Math.Sqrt(s.Count) : double.NaN;
            return (g.Key.Method, g.Key.Model, g.Key.Protocol, g.Key.Metric, s, s.Mean - half, s.Mean + half);
        });

    /// <summary>A spread or interval bound, or <c>not_measurable</c> where one seed leaves none.</summary>
    private static string Measured(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : OperatingPointRow.NotMeasurable;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
