namespace FaceCompat.Tests.Api;

/// <summary>
/// docs/library.md shows the consumer sample's code, not a copy typed by hand: each recipe region of
/// samples/FaceCompat.Consumer (between <c>// recipe-begin</c> and <c>// recipe-end</c>) must appear in the
/// page as one C# block, under 30 lines.
/// </summary>
public sealed class LibraryRecipesDocTests
{
    [Theory]
    [InlineData("MigrateGallery.cs")]
    [InlineData("EvaluateEmbeddings.cs")]
    [InlineData("RunStudy.cs")]
    public void The_page_shows_the_recipe_the_consumer_runs(string file)
    {
        var root = RepositoryRoot.Find();
        var source = File.ReadAllText(Path.Combine(root, "samples", "FaceCompat.Consumer", file)).Replace("\r\n", "\n");
        var begin = source.IndexOf("// recipe-begin", StringComparison.Ordinal);
        var end = source.IndexOf("// recipe-end", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{file}: no recipe region");
        var recipe = source[(source.IndexOf('\n', begin) + 1)..end].TrimEnd('\n');
        Assert.True(recipe.Split('\n').Length < 30, $"{file}: the recipe has {recipe.Split('\n').Length} lines; keep it under 30");
        var page = File.ReadAllText(Path.Combine(root, "docs", "library.md")).Replace("\r\n", "\n");
        Assert.True(page.Contains("```csharp\n" + recipe + "\n```", StringComparison.Ordinal),
            $"docs/library.md does not show {file}'s recipe as it is; paste the region between the markers into its C# block.");
    }
}
