using System.Diagnostics;

namespace FaceCompat.IntegrationTests.Zoo;

/// <summary>The `facecompat models` commands, run as a user runs them (a separate process).</summary>
public class ModelsCliTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FaceCompat.Cli.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    [Fact]
    public void FetchAllThenListShowsEveryModelCached()
    {
        RealModels.FetchAll();
        var fetch = Cli("models", "fetch", "all");
        Assert.True(fetch.Code == 0, fetch.Err);
        Assert.Contains("faceres: already cached, verified", fetch.Out);
        var list = Cli("models", "list");
        Assert.Equal(0, list.Code);
        foreach (var id in new[] { "mobilefacenet", "mobileface", "faceres", "faceres-deep", "faceapi", "resnet18" })
            Assert.Contains(list.Out.Split('\n'), line => line.StartsWith(id + " ") && line.TrimEnd().EndsWith("yes"));
        foreach (var id in new[] { "fr-feature", "fr-age", "fr-gender", "fr-expression", "fr-pose", "fr-liveness", "fr-eye" })
            Assert.Contains(list.Out.Split('\n'), line => line.StartsWith(id + " ") && line.Contains(" MIT ") && line.Contains("npm faceplugin-face-recognition-js@0.0.1") && line.TrimEnd().EndsWith("yes"));
        Assert.Contains("note: mobilefacenet: Defective as shipped", list.Out);
    }

    [Fact]
    public void InspectTensorsListsTheTapWithItsMeasuredShape()
    {
        RealModels.FetchAll();
        var result = Cli("models", "inspect", "gender", "--tensors");
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("family:   face-attribute", result.Out);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("StatefulPartitionedCall/model_1/add_4/add  AddV2  [1,4,4,128]  <- output"));
        Assert.Contains(lines, l => l.Contains("StatefulPartitionedCall/model_1/predictions/Softmax  Softmax  [1,2]"));
    }

    [Fact]
    public void InspectTensorsListsAnOnnxModelsTensorsWithTheTapMarked()
    {
        RealModels.FetchAll();
        var result = Cli("models", "inspect", "fr-age", "--tensors");
        Assert.True(result.Code == 0, result.Err);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("  122  Relu  [1,32,8,8]  <- output"));
        Assert.Contains(lines, l => l.Contains("  prob_stage_1  Relu  [1,3]")); // the heads are listed too
    }

    [Fact]
    public void InspectTensorsListsARebuiltFaceApiNetsNamedTensors()
    {
        RealModels.FetchAll();
        var result = Cli("models", "inspect", "faceapi-agegender", "--tensors");
        Assert.True(result.Code == 0, result.Err);
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("pooled  face-api  [1,512]  <- output"));
        Assert.Contains(lines, l => l.Contains("age  face-api  [1]"));
        Assert.Contains(lines, l => l.Contains("gender  face-api  [1,2]"));
    }

    [Fact]
    public void AnUnknownModelIsOneClearErrorWithExitCode2()
    {
        var result = Cli("models", "fetch", "arcface");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: Unknown model 'arcface'", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
