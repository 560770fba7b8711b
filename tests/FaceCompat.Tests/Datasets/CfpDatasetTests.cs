using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Datasets;

public sealed class CfpDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Data => _temp.Path;
    private string Cfp => Path.Combine(Data, "cfp");

    public CfpDatasetTests()
    {
        // Two identities, 2 frontal + 1 profile each, and a 2-fold protocol.
        foreach (var id in new[] { "001", "002" })
        {
            foreach (var (view, n) in new[] { ("frontal", 2), ("profile", 1) })
            {
                Directory.CreateDirectory(Path.Combine(Cfp, "Data", "Images", id, view));
                Directory.CreateDirectory(Path.Combine(Cfp, "Data", "Fiducials", id, view));
                for (var i = 1; i <= n; i++)
                {
                    File.WriteAllText(Path.Combine(Cfp, "Data", "Images", id, view, $"{i:D2}.jpg"), "x");
                    File.WriteAllLines(Path.Combine(Cfp, "Data", "Fiducials", id, view, $"{i:D2}.txt"),
                        Enumerable.Range(0, 30).Select(k => $"{k}.5,{k * 2}"));
                }
            }
        }
        var protocol = Path.Combine(Cfp, "Protocol");
        Directory.CreateDirectory(protocol);
        File.WriteAllLines(Path.Combine(protocol, "Pair_list_F.txt"),
            ["1 ../Data/Images/001/frontal/01.jpg", "2 ../Data/Images/001/frontal/02.jpg", "3 ../Data/Images/002/frontal/01.jpg", "4 ../Data/Images/002/frontal/02.jpg"]);
        File.WriteAllLines(Path.Combine(protocol, "Pair_list_P.txt"), ["1 ../Data/Images/001/profile/01.jpg", "2 ../Data/Images/002/profile/01.jpg"]);
        foreach (var split in new[] { "FF", "FP" })
        foreach (var fold in new[] { "01", "02" })
        {
            var dir = Path.Combine(protocol, "Split", split, fold);
            Directory.CreateDirectory(dir);
            File.WriteAllLines(Path.Combine(dir, "same.txt"), fold == "01" ? ["1,2"] : split == "FF" ? ["3,4"] : ["3,2"]);
            File.WriteAllLines(Path.Combine(dir, "diff.txt"), split == "FF" ? ["1,3"] : ["1,2"]);
        }
        File.WriteAllLines(Path.Combine(protocol, "Split", "FP", "01", "same.txt"), ["1,1", "2,1"]);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Images_are_listed_per_identity_frontal_then_profile()
    {
        var dataset = CfpDataset.Load(Data);
        Assert.Equal("cfp", dataset.Name);
        Assert.Equal(
            ["Data/Images/001/frontal/01.jpg", "Data/Images/001/frontal/02.jpg", "Data/Images/001/profile/01.jpg",
             "Data/Images/002/frontal/01.jpg", "Data/Images/002/frontal/02.jpg", "Data/Images/002/profile/01.jpg"],
            dataset.Images.Select(i => i.RelativePath));
        Assert.Null(dataset.ReferenceCrop);
    }

    [Fact]
    public void The_frontal_listing_keeps_only_frontal_images_and_resolves_by_name()
    {
        var frontal = DatasetCatalog.Resolve("cfp-frontal", Data);
        Assert.Equal("cfp-frontal", frontal.Name);
        Assert.Equal(
            ["Data/Images/001/frontal/01.jpg", "Data/Images/001/frontal/02.jpg", "Data/Images/002/frontal/01.jpg", "Data/Images/002/frontal/02.jpg"],
            frontal.Images.Select(i => i.RelativePath));
        var first = CfpDataset.LoadFrontal(Data, IdentitySubset.First(1));
        Assert.Equal("cfp-frontal-first1", first.Name);
        Assert.Equal(["Data/Images/001/frontal/01.jpg", "Data/Images/001/frontal/02.jpg"], first.Images.Select(i => i.RelativePath));
    }

    [Fact]
    public void FF_and_FP_pairs_resolve_numbers_through_the_pair_lists()
    {
        var ff = CfpDataset.ReadPairs(Data, CfpProtocol.FF);
        Assert.Contains(new ImagePair("Data/Images/001/frontal/01.jpg", "Data/Images/001/frontal/02.jpg", true, 1), ff);
        Assert.Contains(new ImagePair("Data/Images/002/frontal/01.jpg", "Data/Images/002/frontal/02.jpg", true, 2), ff);
        var fp = CfpDataset.ReadPairs(Data, CfpProtocol.FP);
        Assert.Contains(new ImagePair("Data/Images/001/frontal/01.jpg", "Data/Images/001/profile/01.jpg", true, 1), fp);
        Assert.Contains(new ImagePair("Data/Images/001/frontal/02.jpg", "Data/Images/001/profile/01.jpg", true, 1), fp);
        Assert.Contains(fp, p => !p.Same && p.PathB.Contains("/profile/"));
    }

    [Fact]
    public void Fiducials_are_thirty_points()
    {
        var points = CfpDataset.ReadFiducials(Data, "Data/Images/002/profile/01.jpg");
        Assert.Equal(30, points.Count);
        Assert.Equal((3.5f, 6f), points[3]);
    }

    [Fact]
    public void A_pair_number_outside_the_list_is_refused()
    {
        File.WriteAllLines(Path.Combine(Cfp, "Protocol", "Split", "FF", "02", "diff.txt"), ["1,9"]);
        var ex = Assert.Throws<FaceCompatException>(() => CfpDataset.ReadPairs(Data, CfpProtocol.FF));
        Assert.Contains("outside 1..4", ex.Message);
    }

    [Fact]
    public void Pairs_resolve_to_row_indices_and_unresolved_pairs_are_returned()
    {
        var pairs = CfpDataset.ReadPairs(Data, CfpProtocol.FF);
        var rows = CfpDataset.Load(Data).Images.Select(i => i.RelativePath).Where(p => p != "Data/Images/002/frontal/02.jpg").ToList();
        var (indexed, unresolved) = ImagePairs.ToIndices(pairs, rows);
        Assert.Single(unresolved);
        Assert.Equal(pairs.Count - 1, indexed.Count);
        Assert.Contains(new FaceCompat.Evaluation.VerificationPair(0, 1, true, 1), indexed);
    }
}
