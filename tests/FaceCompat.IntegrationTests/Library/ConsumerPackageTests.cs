using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Evaluation;
using FaceCompat.IntegrationTests.Extraction;
using FaceCompat.IntegrationTests.Zoo;

namespace FaceCompat.IntegrationTests.Library;

/// <summary>
/// The library as a package: the built FaceCompat is packed, samples/FaceCompat.Consumer (a copy outside the
/// repository) restores it from a local folder feed — added to the machine's configured sources, which serve
/// the dependencies — and runs the three recipes of docs/library.md on small LFW subsets with two real models.
/// Nothing is skipped: without data, models or the dependencies' source the test fails and says what is missing.
/// </summary>
[Collection(ExtractionCollection.Name)]
public sealed class ConsumerPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fc-consumer-" + Guid.NewGuid().ToString("N"));
    // A version no earlier run restored, so the global packages folder cannot hand back a stale copy.
    private readonly string _version = "0.0.0-consumer." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var restored = Path.Combine(packages, "facecompat");
        try
        {
            Directory.Delete(Path.Combine(restored, _version), true);
            if (!Directory.EnumerateFileSystemEntries(restored).Any()) Directory.Delete(restored);
        }
        catch (IOException) { } // also when the restore never made it
    }

    [Fact]
    public void The_packed_library_restores_from_a_folder_feed_and_runs_the_three_recipes()
    {
        var data = FaceCompatPaths.DataRoot();
        if (!Directory.Exists(Path.Combine(data, "lfw", "lfw-deepfunneled")))
            throw new InvalidOperationException($"LFW is missing under {data} (set FACECOMPAT_DATA); the consumer test needs it.");
        RealModels.Prepare("faceapi");
        RealModels.Prepare("mobileface");
        var root = CrossCheckTests.RepoRoot();
        var library = Path.Combine(root, "src", "FaceCompat");

        // pack the library as built for these tests
        var feed = Directory.CreateDirectory(Path.Combine(_dir, "feed")).FullName;
        var pack = Run("dotnet", "pack", Path.Combine(library, "FaceCompat.csproj"), "-c", Configuration, "--no-build", "-nologo",
            "-o", feed, "-p:PackageVersion=" + _version);
        Assert.DoesNotContain("warning", pack, StringComparison.OrdinalIgnoreCase);
        var package = Path.Combine(feed, $"FaceCompat.{_version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.NotNull(zip.GetEntry("lib/net10.0/FaceCompat.xml"));
            using var nuspec = new StreamReader(zip.GetEntry("FaceCompat.nuspec")!.Open());
            var metadata = nuspec.ReadToEnd();
            foreach (var element in new[] { "<description>", "<license type=\"expression\">", "<readme>README.md</readme>", "<tags>", "<repository type=\"git\"" })
                Assert.Contains(element, metadata);
        }

        // restore and build the sample outside the repository, against the folder feed
        var consumer = Path.Combine(_dir, "consumer");
        CopySources(Path.Combine(root, "samples", "FaceCompat.Consumer"), consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="facecompat-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Run("dotnet", "build", consumer, "-c", "Release", "-nologo", "--disable-build-servers", "-p:FaceCompatVersion=" + _version);
        var bin = Path.Combine(consumer, "bin", "Release", "net10.0");
        Assert.Equal(Sha256(Path.Combine(library, "bin", Configuration, "net10.0", "FaceCompat.dll")), Sha256(Path.Combine(bin, "FaceCompat.dll")));

        var output = Run("dotnet", Path.Combine(bin, "FaceCompat.Consumer.dll"), data, Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName);
        var migrate = Values(output, "migrate");
        var evaluate = Values(output, "evaluate");
        var study = Values(output, "study");

        // (a) the migrated gallery is searched far above chance (~1%) and no better than re-enrolment
        Assert.InRange(migrate["reenrolled_rank1"], 0.15, 1.0);
        Assert.InRange(migrate["migrated_rank1"], 0.05, migrate["reenrolled_rank1"] + 0.02);
        // (b) Procrustes beats the unaligned baseline; the migrated gallery accepts genuine pairs at FMR 1e-2
        Assert.True(evaluate["procrustes_rank1"] > 2 * evaluate["unaligned_rank1"] + 0.02, output);
        Assert.InRange(evaluate["migrated_tmr_at_fmr_0.01"], 0.1, 1.0);
        // (c) the study ran and its statistics are the ones returned
        Assert.InRange(study["procrustes_rank1"], 0.1, 1.0);
        Assert.True(File.Exists(Path.Combine(_dir, "work", "study", "statistics.csv")), output);
    }

    private static Dictionary<string, double> Values(string output, string recipe)
    {
        var line = output.Split('\n').SingleOrDefault(l => l.StartsWith(recipe + ": ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the consumer printed no '{recipe}:' line:\n{output}");
        return line[(recipe.Length + 2)..].Trim().Split(' ').Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Runs a command to completion; a non-zero exit fails with its output.</summary>
    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 5 minutes.");
        }
        var output = stdout.Result + stderr.Result;
        var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: the package, its dependencies, data and models are required)" : "";
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}{ci}:\n{output}");
        return output;
    }
}
