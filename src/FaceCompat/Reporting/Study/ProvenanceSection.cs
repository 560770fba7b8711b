using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>How to reproduce the study: configuration, code version, model files and their hashes.</summary>
internal static class ProvenanceSection
{
    public static string Html(StudyView v)
    {
        var info = v.Results.Info;
        var table = new PaperTable("Models", ["model", "family", "source", "file SHA-256"]);
        foreach (var m in v.Models)
            table.Add(TableCell.Plain(m.Id), TableCell.Plain(m.Family), TableCell.Plain(m.Source),
                TableCell.Plain(m.FileSha256.Count == 0 ? "–" : string.Join(" ", m.FileSha256)));
        var preprocessing = v.Scopes.Select(s => s.Preprocessing).Distinct().Order(StringComparer.Ordinal);
        return List([
                $"Code version: {info.CodeVersion}",
                $"BLAS backend: {info.BlasBackend}",
                $"Started: {info.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; elapsed {info.Elapsed.TotalSeconds:0} s{(info.Quick ? " (quick variant)" : "")}",
                $"Preprocessing: {string.Join(", ", preprocessing)}",
                $"Rows: {v.Results.Rows.Count}; statistics: {v.Results.Statistics.Count}; curve points: {v.Results.Curves.Count}; space-similarity values: {v.Results.SpaceSimilarity.Count}",
            ]) + "<div class=\"hashes\">" + table.ToHtml() + "</div>" + H3("Configuration (YAML)") +
            Pre(string.IsNullOrWhiteSpace(info.ConfigYaml) ? "(no configuration recorded)" : info.ConfigYaml);
    }
}
