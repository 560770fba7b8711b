using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Embeddings;

/// <summary>The refusals of embedding folders, sets, splits and .npy files that only bad input reaches.</summary>
public class EmbeddingErrorPathTests
{
    private static string NewDirectory() => Directory.CreateTempSubdirectory("fc-emb-").FullName;

    [Fact]
    public void AFolderListsItsModelsAndNamesThemWhenOneIsMissing()
    {
        var dir = NewDirectory();
        var folder = new EmbeddingFolder(dir);
        var set = EmbeddingSets.FromSpan([1f, 0, 0, 1], 2, ["a", "b"]);
        folder.Write("beta", set);
        folder.Write("alpha", set);
        File.WriteAllBytes(Path.Combine(dir, ".hidden.npy"), []);
        Assert.Equal(["alpha", "beta"], folder.Models());
        Assert.Contains("models here: alpha, beta.", Assert.Throws<FaceCompatException>(() => folder.Load("gamma")).Message);
        Assert.Contains("models here: none.", Assert.Throws<FaceCompatException>(() => new EmbeddingFolder(NewDirectory()).Load("gamma")).Message);
        Assert.Contains("no such embeddings folder", Assert.Throws<FaceCompatException>(() => new EmbeddingFolder(Path.Combine(dir, "nope")).Models()).Message);
        Assert.Contains("no metadata.csv", Assert.Throws<FaceCompatException>(() => new EmbeddingFolder(NewDirectory()).Records()).Message);
    }

    [Fact]
    public void AFolderKeepsItsRowsAlignedByIndex()
    {
        var folder = new EmbeddingFolder(NewDirectory());
        folder.Write("m", EmbeddingSets.FromSpan([1f, 0, 0, 1], 2, ["a", "b"]));
        Assert.Throws<FaceCompatException>(() => folder.Write("n", EmbeddingSets.FromSpan([1f, 0, 0, 1], 2, ["a", "c"])));
        Assert.Throws<FaceCompatException>(() => folder.Write("n", EmbeddingSets.FromSpan([1f, 0, 0, 1, 1, 1], 3, ["a", "b", "c"])));
        var shuffled = new EmbeddingSet([1f, 0, 0, 1], 2, 2, [new EmbeddingRecord(1, "x", "a"), new EmbeddingRecord(0, "y", "b")]);
        Assert.Throws<ArgumentException>(() => new EmbeddingFolder(NewDirectory()).Write("m", shuffled));
    }

    [Fact]
    public void SetsRefuseMissingRowsAndMismatchedListsAndNameRowsByIndex()
    {
        Assert.Contains("no rows", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromSpan([], 0, [])).Message);
        Assert.Contains("no rows", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromRows([], [])).Message);
        Assert.Contains("2 rows but 1 paths", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromSpan([1f, 1], 2, ["a", "b"], ["p"])).Message);
        Assert.Contains("row 1 has an empty identity", Assert.Throws<FaceCompatException>(() => EmbeddingSets.FromSpan([1f, 1], 2, ["a", " "])).Message);
        var set = EmbeddingSets.FromSpan([1f, 1], 2, ["a", "b"]);
        Assert.Equal(["0", "1"], set.Records.Select(r => r.Path));
        Assert.Throws<ArgumentException>(() => new EmbeddingSet(new float[3], 2, 2, set.Records));
        Assert.Throws<ArgumentException>(() => new EmbeddingSet(new float[4], 2, 2, set.Records.Take(1).ToArray()));
        Assert.Throws<FaceCompatException>(() => EmbeddingChecks.RequireUsableRows(ReadOnlySpan<float>.Empty, 0, 3, "rows"));
    }

    [Fact]
    public void SplitsRefuseAnIdentityInBothSubsetsNoTrainIdentityAndUnreadableFiles()
    {
        Assert.Contains("'a' is in both", Assert.Throws<FaceCompatException>(() => new IdentitySplit(["a", "b"], ["a", "c"])).Message);
        var ids = Enumerable.Range(0, 10).Select(i => $"id{i}");
        Assert.Contains("leaves no train identity", Assert.Throws<FaceCompatException>(() => IdentitySplit.Random(ids, 0.05, 42)).Message);
        Assert.Throws<FaceCompatException>(() => IdentitySplit.Read(NewDirectory())); // a folder, not a file
        Assert.Throws<FaceCompatException>(() => MetadataCsv.Read(NewDirectory()));
    }

    [Fact]
    public void NpyFilesOfAnotherVersionACorruptShapeOrTooManyValuesAreRefused()
    {
        Assert.Contains("unsupported .npy format version 4", Assert.Throws<FaceCompatException>(() =>
            NpyReader.ReadMatrix(NpyReaderTests.WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", new byte[4], major: 4))).Message);
        Assert.Contains("corrupt .npy header (shape", Assert.Throws<FaceCompatException>(() =>
            NpyReader.ReadMatrix(NpyReaderTests.WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (a, b), }", new byte[4]))).Message);
        Assert.Contains("is too large", Assert.Throws<FaceCompatException>(() =>
            NpyReader.ReadMatrix(NpyReaderTests.WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (3000000000, 1), }", new byte[4]))).Message);
    }

    [Fact]
    public void BigEndianFloat32IsConvertedByEveryReader()
    {
        var data = new[] { 1.5f, -2f }.SelectMany(v => BitConverter.GetBytes(v).Reverse()).ToArray();
        var path = NpyReaderTests.WriteRaw("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }", data);
        Assert.Equal([1.5f, -2f], NpyReader.ReadFloat32(path, out _, out _));
        Assert.Equal([1.5, -2.0], NpyReader.ReadMatrix(path).Data);
        using var reader = NpyRowReader.Open(path);
        var row = new float[2];
        Assert.Equal(1, reader.Read(row));
        Assert.Equal([1.5f, -2f], row);
        var wide = new[] { 0.25, 4.0 }.SelectMany(v => BitConverter.GetBytes(v).Reverse()).ToArray();
        using var wideReader = NpyRowReader.Open(NpyReaderTests.WriteRaw("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", wide));
        Assert.Equal(1, wideReader.Read(row));
        Assert.Equal([0.25f, 4f], row);
    }

    [Fact]
    public void AFileThatShrinksWhileItsRowsAreReadIsRefusedAsTruncated()
    {
        // 200 rows of 256 float32 (200 KiB): more than the reader's 64 KiB buffer, so later rows come from the file
        const int rows = 200, cols = 256;
        var path = Path.Combine(NewDirectory(), "shrinks.npy");
        NpyWriter.WriteFloat32(path, new float[rows * cols], rows, cols);
        using var reader = NpyRowReader.Open(path);
        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) writer.SetLength(128 + 10 * cols * 4);
        var block = new float[rows * cols];
        Assert.Contains("truncated .npy data", Assert.Throws<FaceCompatException>(() => reader.Read(block)).Message);
    }

    [Fact]
    public void ARowReaderWhoseHeaderIsRefusedClosesItsFile()
    {
        var path = NpyReaderTests.WriteRaw("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1), }", new byte[4]);
        Assert.Throws<FaceCompatException>(() => NpyRowReader.Open(path));
        // an exclusive open fails while any other handle of this process holds the file (a shared lock on Unix)
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        Assert.Equal(0, exclusive.Position);
    }

    [Fact]
    public void AHeaderIsReadWithoutCheckingTheArrayIsAMatrix()
    {
        var path = NpyReaderTests.WriteRaw("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 4), }", new byte[96]);
        var header = NpyReader.ReadHeader(path);
        Assert.Equal(("<i4", true), (header.Descr, header.FortranOrder));
        Assert.Equal([2L, 3, 4], header.Shape);
    }

    [Fact]
    public void ARowReaderTakesArraysLargerThanOneDotNetArray()
    {
        // 600 million float32 (2.4 GB) would not fit one array; the row reader reads blocks, so only the missing data is refused
        var path = NpyReaderTests.WriteRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (600000000, 1), }", new byte[8]);
        Assert.Contains("too large", Assert.Throws<FaceCompatException>(() => NpyReader.ReadMatrix(path)).Message);
        Assert.Contains("truncated", Assert.Throws<FaceCompatException>(() => NpyRowReader.Open(path)).Message);
    }

    [Fact]
    public void TheWriterRefusesANegativeRowCountEvenWithNoValues()
    {
        var path = Path.Combine(NewDirectory(), "x.npy");
        Assert.Throws<ArgumentException>(() => NpyWriter.WriteFloat32(path, [], -1, 0));
        Assert.Throws<ArgumentException>(() => NpyWriter.WriteFloat32(path, [], 0, -1));
        Assert.False(File.Exists(path));
    }
}
