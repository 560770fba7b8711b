using System.CommandLine;

namespace FaceCompat.Cli;

/// <summary>The CLI's commands; each lives in its own file under Commands/.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.InfoCommand.Create();
        yield return Commands.CompareCommand.Create();
        yield return Commands.EnsembleCommand.Create();
        yield return Commands.OperatingPointsCommand.Create();
        yield return Commands.MapCommand.Create();
        yield return Commands.SearchCommand.Create();
        yield return Commands.ModelsCommand.Create();
        yield return Commands.ExtractCommand.Create();
        yield return Commands.AccuracyCommand.Create();
        yield return Commands.StudyCommand.Create();
        yield return Commands.StudyTablesCommand.Create();
        yield return Commands.LandmarksCommand.Create();
    }
}
