using System.Diagnostics;
using System.Text.RegularExpressions;
using FaceCompat.Reporting;
using FaceCompat.Tests.Reporting;

namespace FaceCompat.IntegrationTests.Reporting;

/// <summary>Loads the study report in headless Chromium (Debian's chromium, installed by scripts/bootstrap.sh).</summary>
public class ReportInChromiumTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceCompat.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (FaceCompat.slnx) not found above " + AppContext.BaseDirectory);
    }

    private static string Chromium()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var path = Path.Combine(dir, "chromium");
            if (File.Exists(path)) return path;
        }
        var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: the report must be checked in a real browser)" : "";
        throw new InvalidOperationException($"chromium is not installed{ci}; run scripts/bootstrap.sh as root to install it.");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string WriteSample()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "report-sample");
        StudyReport.Write(SyntheticStudyResults.Create(withAlign: true), dir);
        return Path.Combine(dir, StudyReport.HtmlFile);
    }

    [Fact]
    public void ChromiumLoadsTheReportAndFindsEverySectionWithItsContent()
    {
        var chromium = Chromium();
        var report = WriteSample();
        var profile = Directory.CreateTempSubdirectory("facecompat-chromium-");
        try
        {
            var (code, dom, err) = Run(chromium, "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile.FullName}",
                "--dump-dom", "file://" + report);
            Assert.True(code == 0, $"chromium exited with {code}: {err}");
            foreach (var id in StudyReport.SectionIds)
            {
                var section = Regex.Match(dom, $"<section id=\"{Regex.Escape(id)}\"><h2>[^<]+</h2>(.*?)</section>", RegexOptions.Singleline);
                Assert.True(section.Success, $"section '{id}' not found in the DOM Chromium built");
                Assert.True(section.Groups[1].Value.Length > 50, $"section '{id}' is empty");
            }
            Assert.Contains("<svg", Regex.Match(dom, "<section id=\"preprocessing\">.*?</section>", RegexOptions.Singleline).Value);
            // The browser parsed the inline SVG figures as SVG elements.
            Assert.True(Regex.Matches(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\"").Count > 50);
        }
        finally { profile.Delete(recursive: true); }
    }

    [Fact]
    public void RenderScriptTakesAScreenshot()
    {
        Chromium();
        var report = WriteSample();
        var png = Path.Combine(Path.GetDirectoryName(report)!, "report.png");
        File.Delete(png);
        var (code, _, err) = Run("bash", Path.Combine(RepoRoot(), "scripts", "render-report.sh"), report, png, "1400", "1200");
        Assert.True(code == 0, $"render-report.sh exited with {code}: {err}");
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }
}
