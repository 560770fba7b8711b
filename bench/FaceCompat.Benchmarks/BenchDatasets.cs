using FaceCompat.Datasets;

namespace FaceCompat.Benchmarks;

internal static class BenchDatasets
{
    /// <summary>The first <paramref name="count"/> images of a dataset (all when it has fewer), named after the count.</summary>
    public static ImageDataset FirstImages(ImageDataset dataset, int count)
    {
        var n = Math.Min(count, dataset.Images.Count);
        return new ImageDataset($"{dataset.Name}-firstimages{n}", dataset.Root, dataset.Images.Take(n).ToList(), dataset.ReferenceCrop, dataset.Problems);
    }
}
