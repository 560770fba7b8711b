using FaceCompat.Datasets;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Datasets;

public sealed class ImageFolderDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Root => _temp.Path;

    public ImageFolderDatasetTests()
    {
        foreach (var (id, files) in new[] { ("b_person", new[] { "2.jpg", "10.jpg" }), ("a", new[] { "z.png", "B.jpg" }), ("B", new[] { "x.jpg" }) })
        {
            Directory.CreateDirectory(Path.Combine(Root, id));
            foreach (var f in files) File.WriteAllText(Path.Combine(Root, id, f), "x");
        }
        Directory.CreateDirectory(Path.Combine(Root, "a", "more"));
        File.WriteAllText(Path.Combine(Root, "a", "more", "c.jpg"), "x");
        File.WriteAllText(Path.Combine(Root, "stray.jpg"), "x");
        File.WriteAllText(Path.Combine(Root, "a", ".hidden.jpg"), "x");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Identities_and_files_are_in_ordinal_order_with_relative_paths()
    {
        var dataset = ImageFolderDataset.Load(Root);
        Assert.Equal(["B/x.jpg", "a/B.jpg", "a/z.png", "a/more/c.jpg", "b_person/10.jpg", "b_person/2.jpg"],
            dataset.Images.Select(i => i.RelativePath));
        Assert.Equal(["B", "a", "a", "a", "b_person", "b_person"], dataset.Images.Select(i => i.Identity));
        Assert.Contains(dataset.Problems, p => p.RelativePath == "stray.jpg");
        Assert.StartsWith(Path.GetFileName(Root) + "-", dataset.Name);
    }

    [Fact]
    public void Subsets_take_the_first_identities_or_a_list()
    {
        var first = ImageFolderDataset.Load(Root, IdentitySubset.First(2));
        Assert.Equal(["B", "a"], first.Images.Select(i => i.Identity).Distinct());
        Assert.EndsWith("-first2", first.Name);
        var listed = ImageFolderDataset.Load(Root, IdentitySubset.FromNames(["b_person", "nobody"]));
        Assert.Equal(["b_person"], listed.Images.Select(i => i.Identity).Distinct());
    }

    [Fact]
    public void Linked_folders_are_not_followed_and_broken_links_are_unreadable()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "a", "loop"), Root);
        File.CreateSymbolicLink(Path.Combine(Root, "B", "dangling.jpg"), Path.Combine(Root, "missing.jpg"));
        var dataset = ImageFolderDataset.Load(Root);
        Assert.Contains(dataset.Problems, p => p.RelativePath == "a/loop" && p.Reason.Contains("link"));
        Assert.Equal(7, dataset.Images.Count); // the six files and the dangling link; nothing through the loop
        // A dangling file link is listed like a file and skipped when it cannot be read.
        var dangling = Assert.Single(dataset.Images, i => i.RelativePath == "B/dangling.jpg");
        Assert.Contains("unreadable", new FaceCompat.Imaging.ImageDecoder().Decode(dangling.FullPath).SkipReason);
    }

    [Fact]
    public void File_list_hash_changes_when_a_file_changes()
    {
        var before = ImageFolderDataset.Load(Root).FileListHash();
        Assert.Equal(before, ImageFolderDataset.Load(Root).FileListHash());
        File.WriteAllText(Path.Combine(Root, "B", "x.jpg"), "longer");
        Assert.NotEqual(before, ImageFolderDataset.Load(Root).FileListHash());
    }

    [Fact]
    public void Missing_or_empty_folders_are_user_errors()
    {
        Assert.Throws<FaceCompatException>(() => ImageFolderDataset.Load(Path.Combine(Root, "nope")));
        var empty = Path.Combine(Root, "a", "more");
        Directory.Delete(empty, true);
        Directory.CreateDirectory(empty);
        Assert.Throws<FaceCompatException>(() => ImageFolderDataset.Load(empty));
    }
}
