using System.CommandLine;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat study</c>: the whole study (extraction, experiments, statistics, results files, report) in one command.</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Study configuration (YAML); keys it leaves out come from the default configuration." };
        var output = new Option<string>("--out") { Description = "Output folder (results, splits, report; .work/ holds the resumable work).", DefaultValueFactory = _ => "out/study" };
        var quick = new Option<bool>("--quick") { Description = "The quick variant: 3 models, LFW and CFP subsets, 2 seeds, fewer sweep points (docs/study.md)." };
        var printDefault = new Option<bool>("--print-default-config") { Description = "Print the default configuration (or, with --quick, the quick one) and exit." };
        var data = new Option<string?>("--data") { Description = $"Data root holding lfw/ and cfp/ (default: {FaceCompatPaths.DataVariable} or ../shared/data)." };
        var embeddings = new Option<string?>("--embeddings-cache") { Description = "Where extracted embeddings are cached (default: <cache>/embeddings)." };
        var cachedOnly = new Option<bool>("--cached-only") { Description = "Compute no unit: write the results and report of the units already done (a study still running or interrupted)." };
        var requireComplete = new Option<bool>("--require-complete") { Description = "With --cached-only: fail, writing nothing, unless every unit is done (the final task of a sharded study)." };
        var shard = new Option<string?>("--shard") { Description = "K/N: compute only shard K of N (balanced by estimated cost) into <out>/.work and write no results; a final --cached-only run writes them (docs/study.md)." };
        var embeddingsOnly = new Option<bool>("--embeddings-only") { Description = "Extract (or check) every model's embeddings and stop: the step before the shards of a sharded study." };

        var command = new Command("study", "Run the whole study: embeddings, every experiment on every ordered pair of models, statistics, results files and the report.");
        foreach (var option in new Option[] { config, output, quick, printDefault, data, embeddings, cachedOnly, requireComplete, shard, embeddingsOnly })
            command.Options.Add(option);
        command.SetAction((parse, cancellation) => Task.Run(() => CliErrors.Run(() =>
        {
            var isQuick = parse.GetValue(quick);
            if (parse.GetValue(printDefault))
            {
                Console.Write(isQuick ? StudyConfigReader.QuickYaml : StudyConfigReader.DefaultYaml);
                return 0;
            }
            var path = parse.GetValue(config);
            if (path is not null && isQuick) throw new FaceCompatException("Use either --config or --quick, not both (the quick variant is a configuration of its own).");
            var share = parse.GetValue(shard) is { } text ? StudyShard.Parse(text) : (StudyShard?)null;
            if (share is not null && (parse.GetValue(cachedOnly) || parse.GetValue(embeddingsOnly)))
                throw new FaceCompatException("--shard computes units; it goes with neither --cached-only nor --embeddings-only.");
            if (parse.GetValue(requireComplete) && !parse.GetValue(cachedOnly))
                throw new FaceCompatException("--require-complete goes with --cached-only (the final run of a sharded study).");
            var settings = path is not null ? StudyConfigReader.ReadFile(path) : isQuick ? StudyConfigReader.Quick() : StudyConfigReader.Default();
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var models = settings.Models.Concat(settings.Imported.Select(i => i.Model)).ToList();
            Console.WriteLine($"study '{settings.Title}': {models.Count} models ({string.Join(", ", models)}), {settings.Seeds.Count} seeds -> {outDir}" +
                (share is { } k ? $", shard {k}" : ""));
            var options = new StudyRunOptions
            {
                OutDir = outDir,
                Quick = isQuick,
                CachedOnly = parse.GetValue(cachedOnly),
                RequireComplete = parse.GetValue(requireComplete),
                DataRoot = parse.GetValue(data),
                EmbeddingsRoot = parse.GetValue(embeddings),
                Log = line => Console.WriteLine($"  {line}"),
                ExtractionView = ExtractionProgressView.Run,
                Cancellation = cancellation,
                Report = FaceCompat.Reporting.StudyReport.Write,
            };
            if (parse.GetValue(embeddingsOnly))
            {
                var variants = StudyRunner.PrepareEmbeddings(settings, options);
                Console.WriteLine($"embeddings ready: {models.Count} models, {variants.Count} preprocessing variant(s), {variants[0].Inputs.Datasets.Count} datasets");
                return 0;
            }
            if (share is { } mine)
            {
                var run = StudyRunner.RunShard(settings, options, mine);
                Console.WriteLine($"shard {run.Shard}: {run.Computed} of its {run.Units} units computed ({run.Units - run.Computed} cached), {run.StudyUnits} units in the study -> {Path.Combine(outDir, ".work")}");
                return 0;
            }
            var results = StudyRunner.Run(settings, options);
            Console.WriteLine($"study: {results.Rows.Count} values, {results.Statistics.Count} statistics in {results.Info.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine($"results: {Path.Combine(outDir, "results.parquet")} (.csv, .json), statistics.csv, curves.csv, space_similarity.csv, splits/");
            Console.WriteLine($"report: {Path.Combine(outDir, Reporting.StudyReport.HtmlFile)} (tables: {Reporting.StudyReport.MarkdownFile}, {Reporting.StudyReport.LatexFile})");
            return 0;
        })));
        return command;
    }
}
