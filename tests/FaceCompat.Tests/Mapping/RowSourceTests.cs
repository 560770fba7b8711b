using FaceCompat.Embeddings;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>Rows read one at a time from float32 embeddings picked by index give what a float64 copy of them gives.</summary>
public sealed class RowSourceTests
{
    private static EmbeddingSet Set(Matrix rows) =>
        new(rows.ToFloats(), rows.Rows, rows.Cols, Enumerable.Range(0, rows.Rows).Select(i => new EmbeddingRecord(i, $"p{i}/1.jpg", $"p{i}")).ToArray());

    [Fact]
    public void SelectedRowsAreTheSetsRowsInTheOrderGiven()
    {
        var all = SyntheticEmbeddings.Gaussian(9, 5, 21);
        var set = Set(all);
        int[] picked = [7, 2, 2, 0];
        var rows = new SelectedRows(set, picked);

        var matrix = rows.ToMatrix();

        Assert.Equal((4, 5), (rows.Rows, rows.Cols));
        Assert.Equal((4, 5), (matrix.Rows, matrix.Cols));
        for (var i = 0; i < picked.Length; i++)
            for (var j = 0; j < 5; j++)
                Assert.Equal((double)set.Row(picked[i])[j], matrix[i, j]);
        Assert.Equal(matrix.Data, MapTraining.Rows(set, picked).Data);
        var again = rows.ToMatrix([3, 0]); // rows of the selection, by their position in it
        Assert.Equal(matrix.Row(3).ToArray(), again.Row(0).ToArray());
        Assert.Equal(matrix.Row(0).ToArray(), again.Row(1).ToArray());
    }

    [Fact]
    public void PreparingSelectedRowsGivesExactlyWhatPreparingTheirCopyGives()
    {
        // Preparation fitted and applied on rows read from the set, against the same on a float64 copy of them:
        // bit for bit (the study's numbers must not move), including the parallel path of many rows.
        var all = SyntheticEmbeddings.Gaussian(2600, 6, 22);
        var set = Set(all);
        var train = Enumerable.Range(0, 2600).Where(i => i % 3 != 0).ToArray();
        var test = Enumerable.Range(0, 2600).Where(i => i % 3 == 0).Reverse().ToArray();
        var (target, targetTrain) = (Set(SyntheticEmbeddings.Gaussian(2600, 9, 23)), (int[])train.Clone());

        var read = Preparation.Fit(new SelectedRows(set, train), new SelectedRows(target, targetTrain));
        var copied = Preparation.Fit(MapTraining.Rows(set, train), MapTraining.Rows(target, targetTrain));

        Assert.Equal(copied.Source.Mean, read.Source.Mean);
        Assert.Equal(copied.Target.Mean, read.Target.Mean);
        var pair = read.PrepareTraining(new SelectedRows(set, train), new SelectedRows(target, targetTrain));
        Assert.Equal(copied.PrepareTraining(MapTraining.Rows(set, train), MapTraining.Rows(target, targetTrain)).Source.Data, pair.Source.Data);
        Assert.Equal(6, pair.Source.Cols); // the active columns; the padding to the common dimension is not stored
        Assert.Equal((9, 9), (pair.SourceDimension, pair.PaddedSource.Cols));
        Assert.Equal(copied.Source.Apply(MapTraining.Rows(set, train)).Data, pair.PaddedSource.Data);
        Assert.Equal(copied.Source.Apply(MapTraining.Rows(set, test)).Data, read.Source.Apply(new SelectedRows(set, test)).Data);
        Assert.Contains(pair.Source.Data, v => Math.Abs(v) > 0.1);
    }
}
