using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Datasets;

public class LfwParsersTests
{
    [Fact]
    public void Pairs_are_matched_then_mismatched_per_fold_with_paths()
    {
        var lines = new[]
        {
            "2\t1",
            "Abel_Pacheco\t1\t4",
            "Ann\t1\tBob_X\t12",
            "Zico\t2\t3",
            "Al\t3\tBo\t1",
        };
        var pairs = LfwPairsParser.Parse(lines);
        Assert.Equal(4, pairs.Count);
        Assert.Equal(new ImagePair("lfw-deepfunneled/Abel_Pacheco/Abel_Pacheco_0001.jpg", "lfw-deepfunneled/Abel_Pacheco/Abel_Pacheco_0004.jpg", true, 1), pairs[0]);
        Assert.Equal(new ImagePair("lfw-deepfunneled/Ann/Ann_0001.jpg", "lfw-deepfunneled/Bob_X/Bob_X_0012.jpg", false, 1), pairs[1]);
        Assert.Equal(2, pairs[2].Fold);
        Assert.True(pairs[2].Same);
        Assert.False(pairs[3].Same);
    }

    [Theory]
    [InlineData("2\t1\nA\t1\t2\nB\t1\tC\t1\nD\t1\t2")]              // a line short
    [InlineData("1\t1\nA\t1\nB\t1\tC\t1")]                          // matched pair with 2 fields
    [InlineData("1\t1\nA\t1\tx\nB\t1\tC\t1")]                       // not a number
    [InlineData("")]
    public void Malformed_pairs_files_are_refused_with_a_message(string text)
    {
        var ex = Assert.Throws<FaceCompatException>(() => LfwPairsParser.Parse(text.Split('\n')));
        Assert.Contains("pairs", ex.Message);
    }

    [Fact]
    public void People_view2_has_sets_and_view1_has_one()
    {
        var view2 = LfwPeopleParser.Parse(["2", "2", "Ann\t1", "Bob\t3", "1", "Cy\t2"]);
        Assert.Equal([new LfwPerson("Ann", 1, 1), new LfwPerson("Bob", 3, 1), new LfwPerson("Cy", 2, 2)], view2);
        var view1 = LfwPeopleParser.Parse(["2", "Ann\t1", "Bob\t3"]);
        Assert.Equal(2, view1.Count);
        Assert.All(view1, p => Assert.Equal(1, p.Fold));
        Assert.Throws<FaceCompatException>(() => LfwPeopleParser.Parse(["2", "3", "Ann\t1"]));
    }
}
