using FaceCompat.Alignment;
using FaceCompat.Evaluation;
using FaceCompat.Extraction;
using FaceCompat.Mapping;

namespace FaceCompat.Studies.Config;

/// <summary>
/// A validated study configuration (see docs/study.md for the YAML reference). Read one with
/// <see cref="StudyConfigReader"/>; <see cref="StudyConfigReader.Default"/> is the reference study and
/// <see cref="StudyConfigReader.Quick"/> its reduced variant.
/// </summary>
public sealed record StudyConfig
{
    public required string Title { get; init; }

    /// <summary>Built-in model ids or card paths, resolved through the model catalog (extracted as needed).</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Models whose embeddings were made elsewhere, read from exchange folders.</summary>
    public required IReadOnlyList<ImportedModel> Imported { get; init; }

    public required IReadOnlyList<StudyDataset> Datasets { get; init; }
    public required StudyPreprocessing Preprocessing { get; init; }

    /// <summary>The maps of the within and cross-dataset experiments.</summary>
    public required IReadOnlyList<MapSpec> Maps { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<IdentificationProtocol> Protocols { get; init; }
    public required double TrainRatio { get; init; }

    /// <summary>Identity-bootstrap resamples for the 95% intervals of Rank-1 and mAP (0 = seed-level t intervals only).</summary>
    public required int Bootstrap { get; init; }

    /// <summary>The rows an unpaired map (e.g. unsupervised-procrustes) sees on each side (<see cref="Studies.UnpairedInput"/>).</summary>
    public UnpairedInput UnpairedInput { get; init; } = UnpairedInput.DisjointPeople;

    /// <summary>Points kept of each ROC/DET curve (log-spaced in FMR).</summary>
    public required int RocPoints { get; init; }

    /// <summary>ONNX Runtime intra-op threads for extraction (null = all cores).</summary>
    public int? Threads { get; init; }

    public required IReadOnlyList<string> Within { get; init; }
    public required IReadOnlyList<CrossDatasetPair> CrossDataset { get; init; }
    public required SweepSettings? DataEfficiency { get; init; }
    public required SweepSettings? AlphaSweep { get; init; }
    public required Degree2Settings? Degree2 { get; init; }
    public required SimilaritySettings? SpaceSimilarity { get; init; }

    /// <summary>Operating points within datasets (migration scenarios, BCT, open set); null when off.</summary>
    public OperatingPointsSettings? OperatingPoints { get; init; }

    /// <summary>The exposure scenario (map fitted on all of one dataset, leaked templates of another); null when off.</summary>
    public ExposureSettings? Exposure { get; init; }

    /// <summary>The configuration as it was read (YAML), for provenance.</summary>
    public string Yaml { get; init; } = "";

    public StudyDataset Dataset(string name) => Datasets.First(d => d.Name == name);
}

/// <summary>A model read from exchange folders (metadata.csv + &lt;model&gt;.npy), one per dataset name (and per preprocessing variant).</summary>
public sealed record ImportedModel(string Model, string Family, IReadOnlyDictionary<string, string> Folders)
{
    /// <summary>The align variant's folders (dataset name → exchange folder); empty when the study has no align variant.</summary>
    public IReadOnlyDictionary<string, string> AlignedFolders { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> FoldersFor(PreprocessMode variant) => variant == PreprocessMode.Align ? AlignedFolders : Folders;
}

/// <summary>
/// A dataset of the study: <see cref="Source"/> is lfw, cfp-frontal, cfp or an image folder; identities
/// with fewer than <see cref="MinImages"/> or (when set) more than <see cref="MaxImages"/> images are left
/// out, then the first <see cref="Identities"/> (ordinal order; 0 = all) are kept.
/// </summary>
public sealed record StudyDataset(string Name, string Source, int MinImages, int MaxImages, int Identities)
{
    public bool IsSubset => MinImages > 1 || MaxImages > 0 || Identities > 0;
}

/// <summary>
/// Image preprocessing before extraction. Every variant (<c>crop</c>: the reference protocol's crop, LFW's
/// central crop and CFP as given; <c>align</c>: landmarks warped onto each model's template) runs every
/// experiment; results carry the variant's <see cref="Label"/>. With several variants each dataset is
/// restricted to the images every variant has, so the variants share identity splits and test sets.
/// <see cref="AlignFallbackCrop"/>: images without a detected face get the crop (default) instead of being skipped.
/// <see cref="Aligner"/>: the landmark stage of <c>align</c> (the mesh aligner unless the configuration names another).
/// </summary>
public sealed record StudyPreprocessing(IReadOnlyList<PreprocessMode> Variants, bool AlignFallbackCrop, bool Flip, Aligner Aligner = AlignerNames.Default)
{
    /// <summary>The value of the results' <c>preprocessing</c> column: crop or align (align-mtcnn with MTCNN), "+flip" with the flip test.</summary>
    public string Label(PreprocessMode variant) => (variant == PreprocessMode.Align ? "align" + AlignerTag : "crop") + (Flip ? "+flip" : "");

    // Tied to the aligner, not to which one is the default: "align" has always meant the mesh aligner's results.
    private string AlignerTag => Aligner == Aligner.Mesh ? "" : "-" + AlignerNames.Name(Aligner);

    /// <summary>What a variant does, in words (results.json, the report's provenance).</summary>
    public string Describe(PreprocessMode variant) =>
        (variant == PreprocessMode.Align
            ? $"landmark alignment: {(Aligner == Aligner.Mesh ? "blazeface + face mesh" : "MTCNN (P-Net, R-Net, O-Net)")} five points, least-squares similarity onto each model's template, bilinear warp; no face: " +
              (AlignFallbackCrop ? "the reference crop" : "image skipped")
            : "reference crop: LFW central crop of each model card (0.6), CFP as given")
        + (Flip ? "; flip test" : "; no flip");

    public bool HasAlign => Variants.Contains(PreprocessMode.Align);

    public override string ToString() => string.Join(",", Variants.Select(Label)) + (HasAlign ? $";align_fallback={(AlignFallbackCrop ? "crop" : "skip")}" : "");
}

public sealed record CrossDatasetPair(string Fit, string Test);

/// <summary>Data efficiency or the ridge-alpha sweep: train shares against a fixed test share of identities.</summary>
public sealed record SweepSettings(string Dataset, IReadOnlyList<double> TrainRatios, double TestRatio, IReadOnlyList<MapSpec> Maps,
    IReadOnlyList<int> Seeds);

/// <summary>Degree-2 maps beside a linear map and the baseline, within each listed dataset.</summary>
public sealed record Degree2Settings(IReadOnlyList<string> Datasets, IReadOnlyList<MapSpec> Maps, IReadOnlyList<int> Seeds);

public sealed record SimilaritySettings(int Images, int Neighbours);

/// <summary>Operating points within each listed dataset, on the within experiment's splits (docs/protocol.md, "Operating points").</summary>
public sealed record OperatingPointsSettings(IReadOnlyList<string> Datasets, IReadOnlyList<MapSpec> Maps, IReadOnlyList<double> FalseMatchRates,
    IReadOnlyList<double> FalsePositiveIdentificationRates, IReadOnlyList<int> Seeds);

/// <summary>The exposure scenario: maps fitted on every identity of <see cref="Fit"/>, leaked templates of the test identities of <see cref="Test"/>.</summary>
public sealed record ExposureSettings(string Fit, string Test, IReadOnlyList<MapSpec> Maps, IReadOnlyList<double> FalseMatchRates, IReadOnlyList<int> Seeds)
{
    /// <summary>The attacker's data grid (<see cref="OperatingPointsOptions.FitIdentityGrid"/>): numbers of fit identities, ascending.</summary>
    public IReadOnlyList<int> FitIdentityGrid { get; init; } = [];
}
