using static FaceCompat.Reporting.Study.ReportHtml;

namespace FaceCompat.Reporting.Study;

/// <summary>How to reproduce the study: configuration, code version, model files and their hashes.</summary>
internal static class ProvenanceSection
{
    public static string Html(StudyView v)
    {
        var info = v.Results.Info;
        var table = new System.Text.StringBuilder("<table class=\"results\"><caption>Models</caption><thead><tr><th>model</th><th>family</th><th>source</th><th>SHA-256 (model files, then embedding files)</th></tr></thead><tbody>");
        foreach (var m in v.Models)
            table.Append($"<tr><td>{Encode(m.Id)}</td><td>{Encode(m.Family)}</td><td>{Encode(m.Source)}</td><td>" +
                (m.FileSha256.Count == 0 ? "–" : string.Join("<br>", m.FileSha256.Select(Encode))) + "</td></tr>");
        table.Append("</tbody></table>");
        var preprocessing = v.Scopes.Select(s => s.Preprocessing).Distinct().Order(StringComparer.Ordinal);
        return List([
                $"Code version: {info.CodeVersion}",
                $"BLAS backend: {info.BlasBackend}",
                $"Started: {info.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; elapsed {info.Elapsed.TotalSeconds:0} s{(info.Quick ? " (quick variant)" : "")}",
                $"Preprocessing: {string.Join("; ", preprocessing.Select(p => info.Preprocessing.TryGetValue(p, out var what) ? $"{p} ({what})" : p))}",
                $"Rows: {v.Results.Rows.Count}; statistics: {v.Results.Statistics.Count}; curve points: {v.Results.Curves.Count}; space-similarity values: {v.Results.SpaceSimilarity.Count}",
            ]) + "<div class=\"hashes\">" + table + "</div>" + H3("Configuration (YAML)") +
            Pre(string.IsNullOrWhiteSpace(info.ConfigYaml) ? "(no configuration recorded)" : info.ConfigYaml);
    }
}
