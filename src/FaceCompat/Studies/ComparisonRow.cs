using System.Globalization;

namespace FaceCompat.Studies;

/// <summary>
/// One measured value: <c>source,target,map,seed,protocol,task,metric,value</c>. Rates are fractions
/// in [0, 1]. Tasks: <c>identification</c> (metrics rank1, rank5, rank10, rank20, map@50, cmc@1..cmc@50,
/// queries, queries_without_mate), <c>verification</c> (auc, eer, tmr@fmr=1e-4 ... tmr@fmr=0.1 — the
/// reference's nearest-ROC-point values — and tmr@fmr=…_interp, genuine_pairs, impostor_pairs).
/// Identification also reports chance_rank1, the Rank-1 of a random ranking.
/// </summary>
public sealed record ComparisonRow(string Source, string Target, string Map, int Seed, string Protocol,
    string Task, string Metric, double Value)
{
    public const string CsvHeader = "source,target,map,seed,protocol,task,metric,value";

    public string ToCsv() => string.Join(',', Escape(Source), Escape(Target), Escape(Map),
        Seed.ToString(CultureInfo.InvariantCulture), Protocol, Task, Metric, Value.ToString("R", CultureInfo.InvariantCulture));

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
