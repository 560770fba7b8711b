using System.Diagnostics;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>Runs the built CLI (FaceCompat.Cli.dll, copied beside the tests) as a child process through <c>dotnet</c>.</summary>
internal static class CliProcess
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "FaceCompat.Cli.dll");
            if (!File.Exists(path)) throw new InvalidOperationException($"The CLI was not built beside the tests: {path}");
            return path;
        }
    }

    public static Process Start(params string[] args) => Launch(["dotnet", DllPath, .. args]);

    /// <summary>
    /// As <see cref="Start(string[])"/>, with Ctrl-C (SIGINT) at its default disposition in the child: a test run from
    /// a background job of a non-interactive shell (`cmd &amp;`) inherits SIGINT ignored, and a process that starts
    /// with SIGINT ignored keeps ignoring it, as shells' background jobs do. coreutils' env resets it and execs
    /// dotnet, so the process id is the CLI's.
    /// </summary>
    public static Process StartWithCtrlC(params string[] args) => Launch(["env", "--default-signal=INT", "dotnet", DllPath, .. args]);

    private static Process Launch(IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1)) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
    }

    /// <summary>Runs to completion; returns exit code and the combined output.</summary>
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"facecompat {string.Join(' ', args)} did not finish in 15 minutes.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
