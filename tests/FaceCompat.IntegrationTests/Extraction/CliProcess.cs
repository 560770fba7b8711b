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

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
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
