using System.CommandLine;
using FaceCompat.Infrastructure;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat study-tables</c>: the docs/results.md tables (Markdown) of a finished study's output folder.</summary>
internal static class StudyTablesCommand
{
    public static Command Create()
    {
        var study = new Option<string>("--study") { Description = "Output folder of a finished `facecompat study` (holds results.csv and statistics.csv).", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the Markdown here (atomically) instead of printing it." };
        var command = new Command("study-tables", "Turn a finished study's output folder into the results tables: Rank-1 per pair and map " +
            "(mean ± std [95% CI]) for every dataset and protocol, relative compatibility, and family-by-family means.");
        command.Options.Add(study);
        command.Options.Add(output);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var markdown = Reporting.ResultsTables.Markdown(Path.GetFullPath(parse.GetValue(study)!));
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(Path.GetFullPath(path), markdown);
                Console.WriteLine($"tables: {Path.GetFullPath(path)}");
            }
            else Console.Write(markdown);
            return 0;
        }));
        return command;
    }
}
