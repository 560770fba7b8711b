using FaceCompat.Extraction;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Extraction;

/// <summary>
/// One extraction at a time owns a model's partial folder. A second one (say a study extracting the same
/// model into the same cache while `extract` runs) used to discard the first one's chunks because its
/// run key differed; it is now refused before it touches anything.
/// </summary>
public sealed class ChunkStoreLockTests
{
    [Fact]
    public void ASecondStoreOnTheSameFolderIsRefusedAndTheFirstKeepsItsChunks()
    {
        using var dir = new TempDirectory();
        var partial = Path.Combine(dir.Path, "lfw", ".partial", "faceres");
        float[] rows = [1, 2, 3, 4];
        using (var first = new ChunkStore(partial, "key-a"))
        {
            first.Commit(0, 0, 2, 2, rows, []);
            var ex = Assert.Throws<FaceCompatException>(() => new ChunkStore(partial, "key-b"));
            Assert.Contains("Another process is extracting the same model", ex.Message);
            Assert.NotNull(first.TryLoad(0, 0, 2, 2));
        }
        // Released: the next run opens it (and, with the same key, resumes the chunk).
        using var again = new ChunkStore(partial, "key-a");
        Assert.NotNull(again.TryLoad(0, 0, 2, 2));
    }

    [Fact]
    public void DeleteRemovesTheFolderAndItsLock()
    {
        using var dir = new TempDirectory();
        var partial = Path.Combine(dir.Path, "lfw", ".partial", "faceres");
        var store = new ChunkStore(partial, "key");
        Assert.True(File.Exists(partial + ".lock"));
        store.Delete();
        Assert.False(Directory.Exists(partial));
        Assert.False(File.Exists(partial + ".lock"));
        using var next = new ChunkStore(partial, "key");
    }
}
