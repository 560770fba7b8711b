using System.Text.Json.Nodes;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>A map folder read back is the map written: every field, the preparation's statistics, the atomic write's edges.</summary>
public class MapFolderTests
{
    private static string NewFolder() => Path.Combine(Directory.CreateTempSubdirectory("fc-folder-").FullName, "deeper", "map");

    private static FittedMap PcaMap()
    {
        var x = SyntheticEmbeddings.Gaussian(40, 7, 1);
        var y = SyntheticEmbeddings.Gaussian(40, 5, 2);
        var options = new PreparationOptions { Matching = DimensionMatching.Pca, PcaDimension = 4, Whiten = true };
        var preparation = Preparation.Fit(x, y, options);
        return MapSpec.Parse("cca:components=3").CreateFitter().Fit(preparation.PrepareTraining(x, y))
            .WithProvenance(new Dictionary<string, string> { ["zeta"] = "last", ["alpha"] = "first", ["split_seed"] = "42" });
    }

    [Fact]
    public void AMapReadBackHasEveryFieldAndTransformsAsBefore()
    {
        var map = PcaMap();
        var dir = NewFolder(); // the parent folders do not exist yet
        map.Save(dir, temp => File.WriteAllText(Path.Combine(temp, "split.csv"), "extra"));
        Assert.Equal("extra", File.ReadAllText(Path.Combine(dir, "split.csv")));
        var loaded = FittedMap.Load(dir);
        Assert.Equal(map.Spec, loaded.Spec);
        Assert.Equal(map.Parameters, loaded.Parameters);
        Assert.Equal(map.Notes, loaded.Notes);
        Assert.Equal(map.Provenance, loaded.Provenance);
        Assert.Equal(map.Preparation.Options, loaded.Preparation.Options);
        Assert.True(loaded.Preparation.Options is { Whiten: true, Matching: DimensionMatching.Pca, PcaDimension: 4 });
        var rows = SyntheticEmbeddings.Gaussian(6, 7, 3);
        Assert.True(loaded.TransformSource(rows).MaxAbsDifference(map.TransformSource(rows)) < 1e-12);
        var targets = SyntheticEmbeddings.Gaussian(6, 5, 4);
        Assert.True(loaded.TransformTarget(targets).MaxAbsDifference(map.TransformTarget(targets)) < 1e-12);

        var text = File.ReadAllText(Path.Combine(dir, FittedMap.FileName));
        Assert.Contains('\n', text); // indented for people to read
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["alpha", "split_seed", "zeta"], json["provenance"]!.AsObject().Select(p => p.Key));
        Assert.Equal("pca", (string?)json["preparation"]!["alignment"]);
        Assert.Equal(map.Preparation.Options.ToString(), (string?)json["preparation"]!["description"]);
        Assert.Equal("target_mean.npy", (string?)json["preparation"]!["target"]!["mean"]);
        Assert.True(File.Exists(Path.Combine(dir, "target_mean.npy")));
    }

    [Fact]
    public void AKernelMapReadBackTransformsAsBefore()
    {
        var x = SyntheticEmbeddings.Gaussian(30, 4, 8);
        var y = SyntheticEmbeddings.Gaussian(30, 5, 9);
        var map = MapSpec.Parse("poly2:alpha=0.01").CreateFitter().Fit(x, y);
        var dir = NewFolder();
        map.Save(dir);
        var rows = SyntheticEmbeddings.Gaussian(5, 4, 10);
        Assert.True(FittedMap.Load(dir).TransformSource(rows).MaxAbsDifference(map.TransformSource(rows)) < 1e-12);
        Assert.True(File.Exists(Path.Combine(dir, "source_train_rows.npy")) && File.Exists(Path.Combine(dir, "source_dual_coefficients.npy")));
    }

    [Fact]
    public void SavingAgainReplacesTheFolderWhole()
    {
        var dir = NewFolder();
        var x = SyntheticEmbeddings.Gaussian(20, 4, 5);
        MapSpec.Parse("cca").CreateFitter().Fit(x, x).Save(dir);
        MapSpec.Parse("ridge").CreateFitter().Fit(x, x).Save(dir);
        Assert.Equal("ridge:alpha=0.1", FittedMap.Load(dir).Spec);
        Assert.Equal(new PreparationOptions(), FittedMap.Load(dir).Preparation.Options); // zero padding read back as such
        Assert.False(File.Exists(Path.Combine(dir, "target_weights.npy")), "no file of the old map is left");
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir)!)); // no temporary folder left
    }

    private static string SavedThenEdited(Action<JsonObject> edit)
    {
        var dir = NewFolder();
        var x = SyntheticEmbeddings.Gaussian(20, 4, 6);
        MapSpec.Parse("procrustes").CreateFitter().Fit(x, x).Save(dir);
        var file = Path.Combine(dir, FittedMap.FileName);
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(json);
        File.WriteAllText(file, json.ToJsonString());
        return dir;
    }

    [Fact]
    public void AFolderOfAnotherFormatVersionOrShapeIsRefused()
    {
        string Refusal(Action<JsonObject> edit) => Assert.Throws<FaceCompatException>(() => FittedMap.Load(SavedThenEdited(edit))).Message;
        Assert.Contains("not a FaceCompat map", Refusal(j => j["format"] = "other-map"));
        Assert.Contains("unsupported map format version 2", Refusal(j => j["format_version"] = 2));
        Assert.Contains("unknown alignment 'rotate'", Refusal(j => j["preparation"]!["alignment"] = "rotate"));
        Assert.Contains("cannot shrink 4 to 3", Refusal(j => j["preparation"]!["source"]!["output_dimension"] = 3));
        foreach (var name in new[] { "../source_weights.npy", "", ".", "..", "sub/source_weights.npy" })
            Assert.Contains("not a file inside the map folder", Refusal(j => j["source_transform"]!["matrix"] = name));
        // a folder written before the whiten field existed reads as not whitened
        Assert.False(FittedMap.Load(SavedThenEdited(j => j["preparation"]!.AsObject().Remove("whiten"))).Preparation.Options.Whiten);
    }

    [Theory]
    [InlineData("source_projection.npy", 6, 4)]     // one dimension of one matrix wrong at a time (7 -> 4 is right)
    [InlineData("source_projection.npy", 7, 3)]
    [InlineData("source_reconstruction.npy", 3, 7)]
    [InlineData("source_reconstruction.npy", 4, 6)]
    public void PcaMatricesOfTheWrongShapeAreRefused(string file, int rows, int cols)
    {
        var dir = NewFolder();
        PcaMap().Save(dir);
        NpyWriter.WriteMatrix(Path.Combine(dir, file), new Matrix(rows, cols));
        Assert.Contains("PCA matrices do not match", Assert.Throws<FaceCompatException>(() => FittedMap.Load(dir)).Message);
    }

    [Fact]
    public void AFailedSaveLeavesNothingBehind()
    {
        var dir = NewFolder();
        var x = SyntheticEmbeddings.Gaussian(20, 4, 11);
        var map = MapSpec.Parse("ridge").CreateFitter().Fit(x, x);
        Assert.Throws<IOException>(() => map.Save(dir, _ => throw new IOException("disk full")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir)!));
        var other = Path.Combine(Path.GetDirectoryName(dir)!, "not-a-map");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "notes.txt"), "mine");
        Assert.Contains("not a map folder", Assert.Throws<FaceCompatException>(() => map.Save(other)).Message);
    }

    [Fact]
    public void AFolderWithoutNotesOrProvenanceReadsThemAsEmpty()
    {
        var dir = SavedThenEdited(j => { j.Remove("notes"); j.Remove("provenance"); });
        var map = FittedMap.Load(dir);
        Assert.Empty(map.Notes);
        Assert.Empty(map.Provenance);
    }

    [Fact]
    public void AMeanOfTheWrongShapeIsRefused()
    {
        var dir = SavedThenEdited(_ => { });
        NpyWriter.WriteMatrix(Path.Combine(dir, "source_mean.npy"), new Matrix(2, 4));
        Assert.Contains("has shape (2, 4); expected (1, 4)", Assert.Throws<FaceCompatException>(() => FittedMap.Load(dir)).Message);
        NpyWriter.WriteMatrix(Path.Combine(dir, "source_mean.npy"), new Matrix(1, 3));
        Assert.Contains("has shape (1, 3); expected (1, 4)", Assert.Throws<FaceCompatException>(() => FittedMap.Load(dir)).Message);
    }

    [Fact]
    public void RowsToMigrateMustBeWholeRowsOfTheSourceDimension()
    {
        var x = SyntheticEmbeddings.Gaussian(20, 4, 7);
        var map = MapSpec.Parse("procrustes").CreateFitter().Fit(x, x);
        Assert.Throws<FaceCompatException>(() => map.MigrateToTarget(new float[8], 0));
        Assert.Throws<FaceCompatException>(() => map.MigrateToTarget(new float[7], 2));
        Assert.Throws<FaceCompatException>(() => map.MigrateToTarget(new float[12], 2));
        Assert.Equal(8, map.MigrateToTarget(x.ToFloats().AsSpan(0, 8), 2).Length);
    }
}
