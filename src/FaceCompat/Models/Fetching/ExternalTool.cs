using System.ComponentModel;
using System.Diagnostics;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Fetching;

/// <summary>Runs a package manager's client (npm, dotnet) and turns its failure into one clear message.</summary>
internal static class ExternalTool
{
    public static string Run(string fileName, IEnumerable<string> arguments, string workingDirectory, string purpose)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new FaceCompatException($"Could not start {fileName} to {purpose}.");
        }
        catch (Win32Exception)
        {
            throw new FaceCompatException($"'{fileName}' was not found on PATH; it is needed to {purpose}. Install it, or fetch from an offline copy of the packages.", UserHint.OfflineCopy);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var tail = string.Join('\n', (stderr.Result + "\n" + stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(8));
                throw new FaceCompatException($"'{fileName} {string.Join(' ', info.ArgumentList)}' failed (exit {process.ExitCode}) while trying to {purpose}:\n{tail}");
            }
            return stdout;
        }
    }
}
