using FaceCompat.Extraction;

namespace FaceCompat.Tests.Extraction;

/// <summary>A comparison says when its two models' images were prepared differently (from the folder's manifest).</summary>
public sealed class RecordedPreprocessingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-recorded-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private void Manifest(string json) => File.WriteAllText(Path.Combine(_dir, "manifest.json"), json);

    [Fact]
    public void DifferentModesOrAlignersWarnTheSameDoNot()
    {
        Manifest("""
            { "models": {
              "a": { "preprocess": "crop" },
              "b": { "preprocess": "align", "alignment": { "aligner": "mesh" } },
              "c": { "preprocess": "align", "alignment": { "aligner": "mtcnn" } },
              "d": { "preprocess": "align", "alignment": { "aligner": "mesh" } } } }
            """);
        Assert.Equal("align (mesh)", RecordedPreprocessing.Of(_dir, "b"));
        var warning = RecordedPreprocessing.MixedWarning(_dir, "a", "b");
        Assert.NotNull(warning);
        Assert.StartsWith("a was extracted with crop but b with align (mesh)", warning);
        Assert.NotNull(RecordedPreprocessing.MixedWarning(_dir, "b", "c"));
        Assert.Null(RecordedPreprocessing.MixedWarning(_dir, "b", "d"));
        Assert.Null(RecordedPreprocessing.MixedWarning(_dir, "a", "unlisted"));
    }

    [Fact]
    public void AFolderWithoutOrWithAnUnreadableManifestRecordsNothing()
    {
        Assert.Null(RecordedPreprocessing.Of(_dir, "a"));
        Manifest("{ not json");
        Assert.Null(RecordedPreprocessing.MixedWarning(_dir, "a", "b"));
    }
}
