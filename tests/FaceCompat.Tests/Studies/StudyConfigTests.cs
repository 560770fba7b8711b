using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Studies;
using FaceCompat.Studies.Config;

namespace FaceCompat.Tests.Studies;

public class StudyConfigTests
{
    [Fact]
    public void DefaultIsTheReferenceStudyOnEveryUsableBuiltInModel()
    {
        var c = StudyConfigReader.Default();
        Assert.Equal(ModelCatalog.UsableIds, c.Models);
        Assert.DoesNotContain("mobilefacenet", c.Models);
        Assert.Equal([42, 123, 217, 7, 531], c.Seeds);
        Assert.Equal([IdentificationProtocol.Reference, IdentificationProtocol.Strict], c.Protocols);
        Assert.Equal(["procrustes", "lstsq", "ridge:alpha=0.1", "unaligned", "shuffled", "random-orthogonal"], c.Maps.Select(m => m.Label));
        Assert.Equal(["lfw", "cfp-frontal"], c.Within);
        Assert.Equal(new CrossDatasetPair("cfp-frontal", "lfw"), Assert.Single(c.CrossDataset));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], c.DataEfficiency!.TrainRatios);
        Assert.Equal(0.3, c.DataEfficiency.TestRatio);
        Assert.Equal(6, c.AlphaSweep!.Maps.Count);
        Assert.Equal("ridge:alpha=0.001", c.AlphaSweep.Maps[0].Label);
        Assert.Equal(500, c.SpaceSimilarity!.Images);
        Assert.Equal(["poly2:alpha=0.0001", "ridge:alpha=0.1", "unaligned"], c.Degree2!.Maps.Select(m => m.Label));
        Assert.Equal(0.7, c.TrainRatio);
        Assert.Equal([FaceCompat.Extraction.PreprocessMode.Crop], c.Preprocessing.Variants);
        Assert.True(c.Preprocessing.AlignFallbackCrop);
    }

    [Fact]
    public void QuickIsSmallerThanTheDefault()
    {
        var q = StudyConfigReader.Quick();
        Assert.True(q.Seeds.Count < 5);
        Assert.True(q.Models.Count >= 2);
        Assert.All(q.Datasets, d => Assert.True(d.Identities > 0));
        Assert.NotNull(q.DataEfficiency);
        Assert.NotNull(q.AlphaSweep);
    }

    [Fact]
    public void UserKeysOverrideTheDefaultsOneByOne()
    {
        var c = StudyConfigReader.Parse("seeds: [1, 2]\nexperiments:\n  degree2: { enabled: false }\n");
        Assert.Equal([1, 2], c.Seeds);
        Assert.Null(c.Degree2);
        Assert.NotNull(c.AlphaSweep); // other experiments keep their defaults
        Assert.Equal(ModelCatalog.UsableIds, c.Models);
    }

    [Theory]
    [InlineData("models: [mobileface, nosuchmodel]", "Unknown model 'nosuchmodel'")]
    [InlineData("maps: [procrustes, procrustez]", "unknown map 'procrustez'")]
    [InlineData("experiments:\n  data_efficiency: { maps: [ridge:alpha=-1] }", "experiments.data_efficiency.maps")]
    [InlineData("seeds: []", "seeds: no seed given")]
    [InlineData("seeds: [-3]", "non-negative")]
    [InlineData("protocols: [lenient]", "unknown protocol 'lenient'")]
    [InlineData("train_ratio: 1.5", "train_ratio")]
    [InlineData("preprocessing: { align: landmarks }", "replaced by preprocessing.variants")]
    [InlineData("preprocessing: { variants: [crop, warp] }", "unknown variant 'warp'")]
    [InlineData("preprocessing: { variants: [] }", "preprocessing.variants: none given")]
    [InlineData("preprocessing: { variants: [align], align_fallback: maybe }", "align_fallback: 'maybe'")]
    [InlineData("preprocessing: { variants: [align], aligner: dlib }", "preprocessing.aligner: Unknown aligner 'dlib': use one of mesh, mtcnn.")]
    [InlineData("preprocessing: { variants: [crop], aligner: mtcnn }", "preprocessing.aligner: only used by the align variant")]
    [InlineData("models: []\nimported: [{ model: a, folders: { lfw: /x }, aligned_folders: { lfw: /y } }, { model: b, folders: { lfw: /x } }]", "preprocessing.variants has no align")]
    [InlineData("models: []\npreprocessing: { variants: [crop, align] }\nimported: [{ model: a, folders: { lfw: /x } }, { model: b, folders: { lfw: /x } }]", "needs aligned_folders")]
    [InlineData("experiments:\n  within: { datasets: [casia] }", "unknown dataset 'casia'")]
    [InlineData("experiments:\n  cross_dataset: [{ fit: lfw, test: lfw }]", "fit and test must be different")]
    [InlineData("experiments:\n  alpha_sweep: { alphas: [0, 1] }", "every alpha must be positive")]
    [InlineData("models: [mobileface]", "at least two models")]
    [InlineData("unpaired_input: strangers", "unpaired_input: 'strangers' is not one of disjoint-people, different-images, same-images")]
    [InlineData("experiments:\n  exposure: { enabled: true, fit: cfp-frontal, test: lfw, fit_identities: [0, 10] }", "fit_identities: every size must be a positive")]
    [InlineData("colour: blue", "line 1")]
    [InlineData("seeds: [1, 2", "line")]
    public void BadConfigurationsAreOneClearError(string yaml, string expected)
    {
        var error = Assert.Throws<FaceCompatException>(() => StudyConfigReader.Parse(yaml, "study.yaml"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("study.yaml", error.Message);
    }

    [Theory]
    [InlineData("title: x\nseeds: [a, b]\n", "study.yaml: line 2: 'seeds' expects a list [..] of whole numbers, found 'a'.")]
    [InlineData("title: x\nseeds: 5\n", "study.yaml: line 2: 'seeds' expects a list [..] of whole numbers")]
    [InlineData("title: x\nexperiments:\n  within: { enabled: maybe }\n", "study.yaml: line 3: 'enabled' expects true or false, found 'maybe'.")]
    [InlineData("train_ratio: lots\n", "study.yaml: line 1: 'train_ratio' expects a number, found 'lots'.")]
    [InlineData("colour: blue\n", "study.yaml: line 1: unknown key 'colour'")]
    [InlineData("title: x\nmodels: [faceapi\nseeds: [1, 2]\n", "not valid YAML")]
    public void YamlErrorsSayTheLineTheKeyWhatWasExpectedAndWhatWasFound(string yaml, string expected)
    {
        var message = Assert.Throws<FaceCompatException>(() => StudyConfigReader.Parse(yaml, "study.yaml")).Message;
        Assert.Contains(expected, message);
        foreach (var internals in new[] { "System.", "`1[[", "on type", "Operation is not valid", "FaceCompat.Studies" })
            Assert.DoesNotContain(internals, message);
    }

    [Fact]
    public void TheUnpairedInputReachesTheComparisonsAndTheirCacheKeys()
    {
        Assert.Equal(FaceCompat.Studies.UnpairedInput.DisjointPeople, StudyConfigReader.Parse("seeds: [1]").UnpairedInput);
        var c = StudyConfigReader.Parse("unpaired_input: different-images");
        Assert.Equal(FaceCompat.Studies.UnpairedInput.DifferentImages, c.UnpairedInput);
        var options = new FaceCompat.Studies.ComparisonOptions { UnpairedInput = c.UnpairedInput };
        var settings = System.Text.Json.JsonSerializer.Serialize(FaceCompat.Studies.Experiments.ExperimentContext.Settings(options));
        Assert.Contains("\"unpaired_input\":\"different-images\"", settings);
    }

    [Fact]
    public void AStudysUnpairedInputChangesItsComparisonUnits()
    {
        var root = SyntheticStudyInputs.Create(identities: 12, perIdentity: 3);
        StudyConfig Read(string extra) => StudyConfigReader.Parse(SyntheticStudyInputs.Config(root, "") + extra, "synthetic");
        var (disjoint, different) = (Read(""), Read("\nunpaired_input: different-images\n"));
        var options = new StudyRunOptions { OutDir = Path.Combine(root, "out") };
        var before = StudyRunner.UnitDescriptions(disjoint, StudyEmbeddings.LoadVariants(disjoint, options)[0]);
        var after = StudyRunner.UnitDescriptions(different, StudyEmbeddings.LoadVariants(different, options)[0]);
        var changed = before.Zip(after).Where(x => x.First.Description != x.Second.Description).Select(x => x.First.Key.Experiment).Distinct().ToList();
        Assert.Contains("within", changed);
        Assert.Contains("different-images", after.First(u => u.Key.Experiment == "within").Description);
    }

    [Fact]
    public void PreprocessingVariantsAreReadWithTheirLabels()
    {
        var c = StudyConfigReader.Parse("preprocessing: { variants: [crop, align], align_fallback: skip, flip: true }");
        Assert.Equal([FaceCompat.Extraction.PreprocessMode.Crop, FaceCompat.Extraction.PreprocessMode.Align], c.Preprocessing.Variants);
        Assert.False(c.Preprocessing.AlignFallbackCrop);
        Assert.Equal(["crop+flip", "align+flip"], c.Preprocessing.Variants.Select(c.Preprocessing.Label));
        Assert.Contains("image skipped", c.Preprocessing.Describe(FaceCompat.Extraction.PreprocessMode.Align));
        // keys left out keep the defaults: only variants given, the fallback stays crop
        Assert.True(StudyConfigReader.Parse("preprocessing: { variants: [align] }").Preprocessing.AlignFallbackCrop);
        Assert.Equal(FaceCompat.Alignment.Aligner.Mesh, c.Preprocessing.Aligner);
    }

    [Fact]
    public void TheAlignerIsReadAndNamedInTheAlignLabel()
    {
        var c = StudyConfigReader.Parse("preprocessing: { variants: [crop, align], aligner: mtcnn }");
        Assert.Equal(FaceCompat.Alignment.Aligner.Mtcnn, c.Preprocessing.Aligner);
        Assert.Equal(["crop", "align-mtcnn"], c.Preprocessing.Variants.Select(c.Preprocessing.Label));
        Assert.Contains("MTCNN", c.Preprocessing.Describe(FaceCompat.Extraction.PreprocessMode.Align));
        // naming the default aligner changes nothing
        var mesh = StudyConfigReader.Parse("preprocessing: { variants: [align], aligner: mesh }").Preprocessing;
        Assert.Equal(StudyConfigReader.Parse("preprocessing: { variants: [align] }").Preprocessing.ToString(), mesh.ToString());
        Assert.Equal("align", mesh.Label(FaceCompat.Extraction.PreprocessMode.Align));
    }

    [Fact]
    public void MissingFileIsAClearError() =>
        Assert.Contains("not found", Assert.Throws<FaceCompatException>(() => StudyConfigReader.ReadFile("/nonexistent/study.yaml")).Message);
}
