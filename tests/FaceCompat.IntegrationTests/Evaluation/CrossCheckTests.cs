using System.Diagnostics;

namespace FaceCompat.IntegrationTests.Evaluation;

/// <summary>
/// Runs bench/crosscheck/run.sh: our `compare` against the independent numpy/scikit-learn
/// implementation on the same embeddings and splits. The script installs its Debian packages itself;
/// when it cannot, this test fails (loudly, with the script's message) rather than skipping.
/// </summary>
public class CrossCheckTests
{
    [Fact]
    public async Task CompareAgreesWithNumpyAndScikitLearnToOneInAMillion()
    {
        var root = RepoRoot();
        var work = Directory.CreateTempSubdirectory("fc-crosscheck-").FullName;
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "bench", "crosscheck", "run.sh"), work])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CROSSCHECK_IDENTITIES"] = "800";
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        var log = stdout + await stderrTask;
        if (process.ExitCode == 3)
            Assert.Fail("numpy/scipy/scikit-learn are missing and could not be installed from Debian " +
                $"(CI={Environment.GetEnvironmentVariable("CI") ?? "unset"}):\n{log}");
        Assert.True(process.ExitCode == 0, $"crosscheck failed (exit {process.ExitCode}):\n{log}");
        Assert.Contains("crosscheck: AGREE", stdout);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("compared 264 values", StringComparison.Ordinal)));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceCompat.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
