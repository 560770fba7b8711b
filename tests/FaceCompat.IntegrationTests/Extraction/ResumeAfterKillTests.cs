using System.Diagnostics;
using FaceCompat.IntegrationTests.Zoo;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>
/// A real extraction (the built CLI, faceapi, 648 LFW images) is killed mid-run with a process kill,
/// resumed, and compared byte for byte with an uninterrupted run: same .npy, same metadata.csv.
/// Bitwise equality holds because a batch never spans a chunk (so the resumed run feeds ONNX Runtime
/// exactly the same batches) and both runs use the same thread count.
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class ResumeAfterKillTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string[] Args(string output) =>
        ["extract", "--dataset", "lfw", "--model", "faceapi", "--limit-identities", "300", "--batch", "16", "--chunk", "48",
         "--threads", "2", "--decode-threads", "1", "--out", output];

    [Fact]
    public void Killed_extraction_resumes_to_the_same_bytes_as_an_uninterrupted_run()
    {
        RealModels.Prepare("faceapi"); // fetch and convert first, so the kill lands in extraction

        var whole = Path.Combine(_dir, "whole");
        var (code, output) = CliProcess.Run(Args(whole));
        Assert.True(code == 0, output);

        var resumed = Path.Combine(_dir, "resumed");
        var partial = Path.Combine(resumed, "lfw-first300", ".partial", "faceapi");
        using (var process = CliProcess.Start(Args(resumed)))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (CommittedChunks(partial) < 3)
            {
                Assert.False(process.HasExited, "the extraction finished before it could be killed");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(10), "no chunk committed in 10 minutes");
                Thread.Sleep(20);
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var committed = CommittedChunks(partial);
        Assert.InRange(committed, 3, 13); // 648 images = 14 chunks of 48: killed before the end
        Assert.False(File.Exists(Path.Combine(resumed, "lfw-first300", "faceapi.npy")));

        var (code2, output2) = CliProcess.Run(Args(resumed));
        Assert.True(code2 == 0, output2);
        Assert.Matches(@"resumed (\d+) chunk", output2);
        var resumedChunks = int.Parse(System.Text.RegularExpressions.Regex.Match(output2, @"resumed (\d+) chunk").Groups[1].Value);
        Assert.True(resumedChunks >= committed, $"resumed {resumedChunks} chunks, {committed} were committed before the kill");

        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "lfw-first300", "faceapi.npy")), File.ReadAllBytes(Path.Combine(resumed, "lfw-first300", "faceapi.npy")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "lfw-first300", "metadata.csv")), File.ReadAllText(Path.Combine(resumed, "lfw-first300", "metadata.csv")));
        Assert.Equal(649, File.ReadAllLines(Path.Combine(resumed, "lfw-first300", "metadata.csv")).Length);
        Assert.False(Directory.Exists(Path.Combine(resumed, "lfw-first300", ".partial")));
    }

    [Fact]
    public async Task Ctrl_C_stops_with_exit_130_says_what_was_saved_and_a_rerun_resumes_it()
    {
        RealModels.Prepare("faceapi");
        var output = Path.Combine(_dir, "interrupted");
        var partial = Path.Combine(output, "lfw-first300", ".partial", "faceapi");
        string stderr;
        int exitCode;
        using (var process = CliProcess.StartWithCtrlC(Args(output)))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (CommittedChunks(partial) < 2)
            {
                Assert.False(process.HasExited, "the extraction finished before it could be interrupted");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(10), "no chunk committed in 10 minutes");
                Thread.Sleep(20);
            }
            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) signal.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "Ctrl-C did not stop the extraction within a minute");
            exitCode = process.ExitCode;
            stderr = await error;
        }
        Assert.True(exitCode == 130, $"exit {exitCode} after Ctrl-C (130 expected); stderr:\n{stderr}");
        var said = System.Text.RegularExpressions.Regex.Match(stderr, @"interrupted: Extraction of faceapi interrupted: (\d+) of 14 chunk\(s\) saved in .*; run the same command again to resume");
        Assert.True(said.Success, stderr);
        var saved = int.Parse(said.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CommittedChunks(partial), saved);
        Assert.False(File.Exists(Path.Combine(output, "lfw-first300", "faceapi.npy")));

        var (code, rerun) = CliProcess.Run(Args(output));
        Assert.True(code == 0, rerun);
        Assert.Contains($"resumed {saved} chunk", rerun);
    }

    private static int CommittedChunks(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "chunk-*.json").Length : 0;
}
