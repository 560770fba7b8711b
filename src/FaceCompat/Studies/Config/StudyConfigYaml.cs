namespace FaceCompat.Studies.Config;

// The YAML shape of a study configuration (snake_case keys). Kept apart from StudyConfig so that the
// validated configuration stays immutable; StudyConfigReader maps one to the other.
internal sealed class StudyYaml
{
    public string? Title { get; set; }
    public List<string>? Models { get; set; }
    public List<ImportedYaml>? Imported { get; set; }
    public List<DatasetYaml>? Datasets { get; set; }
    public PreprocessingYaml? Preprocessing { get; set; }
    public List<string>? Maps { get; set; }
    public List<int>? Seeds { get; set; }
    public List<string>? Protocols { get; set; }
    public double? TrainRatio { get; set; }
    public int? Bootstrap { get; set; }
    public string? UnpairedInput { get; set; }
    public int? RocPoints { get; set; }
    public int? Threads { get; set; }
    public ExperimentsYaml? Experiments { get; set; }
}

internal sealed class ImportedYaml
{
    public string? Model { get; set; }
    public string? Family { get; set; }
    public Dictionary<string, string>? Folders { get; set; }
    public Dictionary<string, string>? AlignedFolders { get; set; }
}

internal sealed class DatasetYaml
{
    public string? Name { get; set; }
    public string? Source { get; set; }
    public int? MinImages { get; set; }
    public int? MaxImages { get; set; }
    public int? Identities { get; set; }
}

internal sealed class PreprocessingYaml
{
    public List<string>? Variants { get; set; }
    public string? AlignFallback { get; set; }
    public string? Aligner { get; set; }
    public string? Crop { get; set; }
    public string? Align { get; set; }
    public bool? Flip { get; set; }
}

internal sealed class ExperimentsYaml
{
    public WithinYaml? Within { get; set; }
    public List<CrossYaml>? CrossDataset { get; set; }
    public SweepYaml? DataEfficiency { get; set; }
    public SweepYaml? AlphaSweep { get; set; }
    public Degree2Yaml? Degree2 { get; set; }
    public SimilarityYaml? SpaceSimilarity { get; set; }
    public OperatingPointsYaml? OperatingPoints { get; set; }
    public ExposureYaml? Exposure { get; set; }
}

internal sealed class OperatingPointsYaml
{
    public bool? Enabled { get; set; }
    public List<string>? Datasets { get; set; }
    public List<string>? Maps { get; set; }
    public List<double>? FalseMatchRates { get; set; }
    public List<double>? FalsePositiveIdentificationRates { get; set; }
    public List<int>? Seeds { get; set; }
}

internal sealed class ExposureYaml
{
    public bool? Enabled { get; set; }
    public string? Fit { get; set; }
    public string? Test { get; set; }
    public List<string>? Maps { get; set; }
    public List<double>? FalseMatchRates { get; set; }
    public List<int>? Seeds { get; set; }
    public List<int>? FitIdentities { get; set; }
}

internal sealed class WithinYaml
{
    public bool? Enabled { get; set; }
    public List<string>? Datasets { get; set; }
}

internal sealed class CrossYaml
{
    public string? Fit { get; set; }
    public string? Test { get; set; }
}

internal sealed class SweepYaml
{
    public bool? Enabled { get; set; }
    public string? Dataset { get; set; }
    public List<double>? TrainRatios { get; set; }
    public double? TestRatio { get; set; }
    public List<string>? Maps { get; set; }
    public List<double>? Alphas { get; set; }
    public List<int>? Seeds { get; set; }
}

internal sealed class Degree2Yaml
{
    public bool? Enabled { get; set; }
    public List<string>? Datasets { get; set; }
    public List<string>? Maps { get; set; }
    public List<int>? Seeds { get; set; }
}

internal sealed class SimilarityYaml
{
    public bool? Enabled { get; set; }
    public int? Images { get; set; }
    public int? Neighbours { get; set; }
}
