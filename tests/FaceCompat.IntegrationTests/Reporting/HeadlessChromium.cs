using System.Diagnostics;

namespace FaceCompat.IntegrationTests.Reporting;

/// <summary>
/// Debian's chromium, headless: loads a page and returns the DOM it built. When chromium is missing, scripts/bootstrap.sh installs
/// it (as root, with apt-get, as on CI); when it still cannot be had the test fails, saying so (CI=true: a real browser is required).
/// </summary>
internal static class HeadlessChromium
{
    private static readonly object Gate = new();

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceCompat.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (FaceCompat.slnx) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The chromium executable, installed through scripts/bootstrap.sh when missing.</summary>
    public static string Executable()
    {
        lock (Gate)
        {
            if (Find() is { } found) return found;
            var (code, output, error) = Run("bash", TimeSpan.FromMinutes(10), Path.Combine(RepoRoot(), "scripts", "bootstrap.sh"));
            if (Find() is { } installed) return installed;
            var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: the report must be checked in a real browser)" : "";
            throw new InvalidOperationException($"chromium is not installed and scripts/bootstrap.sh could not install it{ci}; run it as root " +
                $"(it exited with {code}: {output}{error}).");
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);

    /// <summary>The DOM Chromium built from a local HTML file (--dump-dom: after parsing, styles and any script).</summary>
    public static string DumpDom(string htmlFile)
    {
        var chromium = Executable();
        var profile = Directory.CreateTempSubdirectory("facecompat-chromium-");
        try
        {
            var (code, dom, error) = Run(chromium, TimeSpan.FromMinutes(2), "--headless", "--no-sandbox", "--disable-gpu",
                $"--user-data-dir={profile.FullName}", "--dump-dom", "file://" + Path.GetFullPath(htmlFile));
            if (code != 0) throw new InvalidOperationException($"chromium exited with {code}: {error}");
            return dom;
        }
        finally { profile.Delete(recursive: true); }
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalMinutes} minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
