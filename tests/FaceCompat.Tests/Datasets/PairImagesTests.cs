using FaceCompat.Datasets;

namespace FaceCompat.Tests.Datasets;

public class PairImagesTests
{
    private static readonly ImagePair[] Pairs =
    [
        new("a/1", "a/2", true, 1), new("b/1", "b/2", true, 1), new("a/1", "c/1", false, 1), new("b/2", "c/1", false, 1),
        new("c/1", "c/2", true, 2), new("a/2", "b/1", false, 2),
    ];

    [Fact]
    public void Take_keeps_the_first_n_same_and_n_different_pairs_of_every_fold()
    {
        var taken = PairImages.Take(Pairs, 1);
        Assert.Equal([Pairs[0], Pairs[2], Pairs[4], Pairs[5]], taken);
        Assert.Same(Pairs, PairImages.Take(Pairs, null));
    }

    [Fact]
    public void Restrict_keeps_dataset_order_and_reports_images_the_dataset_lacks()
    {
        var images = new[] { "a/1", "a/2", "a/3", "b/1", "b/2", "c/2" }
            .Select(p => new DatasetImage(p, p[..1], "/x/" + p)).ToList();
        var dataset = new ImageDataset("toy", "/x", images, referenceCrop: null);
        var restricted = PairImages.Restrict(dataset, Pairs, "-pairs");
        Assert.Equal("toy-pairs", restricted.Name);
        Assert.Equal(["a/1", "a/2", "b/1", "b/2", "c/2"], restricted.Images.Select(i => i.RelativePath));
        Assert.Equal("c/1", Assert.Single(restricted.Problems).RelativePath);
    }
}
