using FaceCompat.Alignment;
using FaceCompat.Datasets;

namespace FaceCompat.Tests.Alignment;

/// <summary>The landmark stage commits chunks, so an interrupted run resumes without recomputing them.</summary>
public sealed class LandmarkChunksTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static ImageDataset Dataset(int n) => new("synthetic", "/nowhere",
        Enumerable.Range(0, n).Select(i => new DatasetImage($"p{i / 3:D2}/{i:D3}.jpg", $"p{i / 3:D2}", $"/nowhere/{i:D3}.jpg")).ToList(),
        0.6);

    /// <summary>A deterministic stand-in for the detector + mesh: every 5th image has no face.</summary>
    private static LandmarkEntry Locate(DatasetImage image)
    {
        var i = int.Parse(Path.GetFileNameWithoutExtension(image.RelativePath), System.Globalization.CultureInfo.InvariantCulture);
        return i % 5 == 4
            ? new LandmarkEntry(image.RelativePath, null, "no face found")
            : new LandmarkEntry(image.RelativePath, new FaceLandmarks(LandmarkSource.Mesh, Enumerable.Range(0, 10).Select(k => i + k * 0.5f).ToArray(), 0.9f, 0.8f), null, 1000 + i);
    }

    private static List<Func<DatasetImage, LandmarkEntry>> Locators(int workers, Action? onCall = null) =>
        Enumerable.Range(0, workers).Select(_ => (Func<DatasetImage, LandmarkEntry>)(image =>
        {
            onCall?.Invoke();
            return Locate(image);
        })).ToList();

    [Fact]
    public void AnInterruptedRunResumesFromItsCommittedChunksWithTheSameEntries()
    {
        var dataset = Dataset(50);
        var whole = new LandmarkChunks(null, "k").Run(dataset, 8, Locators(2));

        // interrupt once 20 images are done: chunks 0 and 1 (16 images) are committed, chunk 2 is lost
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var first = new LandmarkChunks(Dir, "k");
        Assert.ThrowsAny<OperationCanceledException>(() => first.Run(dataset, 8, Locators(2, () =>
        {
            if (Interlocked.Increment(ref calls) == 20) cancel.Cancel();
        }), cancellation: cancel.Token));
        Assert.Equal(["chunk-00000.json", "chunk-00001.json"], Directory.GetFiles(Dir).Select(f => Path.GetFileName(f)).Order().ToArray());

        calls = 0;
        var resumed = new LandmarkChunks(Dir, "k");
        var entries = resumed.Run(dataset, 8, Locators(2, () => Interlocked.Increment(ref calls)));
        Assert.Equal(16, resumed.ResumedImages);
        Assert.Equal(50 - 16, calls);
        Assert.Equal(whole.Select(Describe), entries.Select(Describe));

        resumed.Finish();
        Assert.False(Directory.Exists(Dir));
    }

    [Fact]
    public void ChunksOfAnotherKeyOrImageListAreRecomputed()
    {
        var dataset = Dataset(20);
        new LandmarkChunks(Dir, "k").Run(dataset, 8, Locators(1));
        Assert.Equal(3, Directory.GetFiles(Dir).Length);

        var calls = 0;
        var otherKey = new LandmarkChunks(Dir, "other");
        otherKey.Run(dataset, 8, Locators(1, () => calls++));
        Assert.Equal(0, otherKey.ResumedImages);
        Assert.Equal(20, calls);

        // a torn or foreign chunk file is not trusted
        File.WriteAllText(Path.Combine(Dir, "chunk-00001.json"), "{ not json");
        var renamed = new ImageDataset("synthetic", "/nowhere", Dataset(20).Images.Select((im, i) => i < 8 ? im with { RelativePath = "x" + im.RelativePath } : im).ToList(), 0.6);
        calls = 0;
        var again = new LandmarkChunks(Dir, "other");
        again.Run(renamed, 8, Locators(1, () => calls++));
        Assert.Equal(4, again.ResumedImages); // only the last chunk (4 images) still matches
        Assert.Equal(16, calls);
    }

    private static string Describe(LandmarkEntry e) =>
        $"{e.Path}|{e.Reason}|{e.Bytes}|{(e.Landmarks is null ? "" : string.Join(",", e.Landmarks.Points))}";
}
