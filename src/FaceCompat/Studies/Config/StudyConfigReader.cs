using System.Globalization;
using FaceCompat.Alignment;
using FaceCompat.Evaluation;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;
using FaceCompat.Models.Cards;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FaceCompat.Studies.Config;

/// <summary>
/// Reads and validates study configurations. A user file overrides the default configuration key by
/// key (top-level keys, and each key of each experiment under <c>experiments</c>); every problem is one
/// <see cref="FaceCompatException"/> naming the key.
/// </summary>
public static class StudyConfigReader
{
    public static readonly IReadOnlyList<string> DatasetSources = ["lfw", "cfp-frontal", "cfp"];

    /// <summary>The default configuration's YAML text (embedded in the library).</summary>
    public static string DefaultYaml => Resource("default.yaml");

    /// <summary>The quick configuration's YAML text (embedded in the library).</summary>
    public static string QuickYaml => Resource("quick.yaml");

    public static StudyConfig Default() => Parse(DefaultYaml, "the default configuration");

    public static StudyConfig Quick() => Parse(QuickYaml, "the quick configuration");

    public static StudyConfig ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"Study configuration not found: {path}");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Parses a configuration over the defaults. Relative paths (cards, folders) are taken from <paramref name="baseDirectory"/>.</summary>
    public static StudyConfig Parse(string yaml, string label = "configuration", string? baseDirectory = null)
    {
        var user = Deserialize(yaml, label);
        var defaults = Deserialize(DefaultYaml, "the default configuration");
        return Validate(Merge(user, defaults), label, baseDirectory ?? Directory.GetCurrentDirectory()) with { Yaml = yaml };
    }

    private static StudyYaml Deserialize(string yaml, string label)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<StudyYaml>(yaml) ?? new StudyYaml();
        }
        catch (YamlException ex)
        {
            throw new FaceCompatException(YamlErrorText.Explain(ex, yaml, label), ex);
        }
    }

    private static StudyYaml Merge(StudyYaml u, StudyYaml d)
    {
        var ue = u.Experiments ?? new ExperimentsYaml();
        var de = d.Experiments!;
        return new StudyYaml
        {
            Title = u.Title ?? d.Title,
            Models = u.Models ?? d.Models,
            Imported = u.Imported ?? d.Imported,
            Datasets = u.Datasets ?? d.Datasets,
            Preprocessing = Overlay(u.Preprocessing, d.Preprocessing),
            Maps = u.Maps ?? d.Maps,
            Seeds = u.Seeds ?? d.Seeds,
            Protocols = u.Protocols ?? d.Protocols,
            TrainRatio = u.TrainRatio ?? d.TrainRatio,
            Bootstrap = u.Bootstrap ?? d.Bootstrap,
            UnpairedInput = u.UnpairedInput ?? d.UnpairedInput,
            RocPoints = u.RocPoints ?? d.RocPoints,
            Threads = u.Threads ?? d.Threads,
            Experiments = new ExperimentsYaml
            {
                Within = Overlay(ue.Within, de.Within),
                CrossDataset = ue.CrossDataset ?? de.CrossDataset,
                DataEfficiency = Overlay(ue.DataEfficiency, de.DataEfficiency),
                AlphaSweep = Overlay(ue.AlphaSweep, de.AlphaSweep),
                Degree2 = Overlay(ue.Degree2, de.Degree2),
                SpaceSimilarity = Overlay(ue.SpaceSimilarity, de.SpaceSimilarity),
                OperatingPoints = Overlay(ue.OperatingPoints, de.OperatingPoints),
                Exposure = Overlay(ue.Exposure, de.Exposure),
            },
        };
    }

    /// <summary>An experiment's keys: the user's where given, else the default's.</summary>
    private static T? Overlay<T>(T? user, T? defaults) where T : class, new()
    {
        if (user is null || defaults is null) return user ?? defaults;
        var merged = new T();
        foreach (var property in typeof(T).GetProperties())
            property.SetValue(merged, property.GetValue(user) ?? property.GetValue(defaults));
        return merged;
    }

    private static StudyConfig Validate(StudyYaml y, string label, string baseDirectory)
    {
        FaceCompatException Error(string message) => new($"{label}: {message}");
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

        var models = new List<string>();
        foreach (var m in y.Models ?? [])
        {
            if (string.Equals(m, "all", StringComparison.OrdinalIgnoreCase)) { models.AddRange(ModelCatalog.UsableIds); continue; }
            var looksLikePath = m.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || m.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || m.Contains('/');
            var reference = looksLikePath ? Resolve(m) : m;
            try { ModelCatalog.Get(reference); }
            catch (FaceCompatException ex) { throw Error($"models: {ex.Message}"); }
            models.Add(reference);
        }
        models = models.Distinct(StringComparer.Ordinal).ToList();

        var datasets = new List<StudyDataset>();
        foreach (var d in y.Datasets ?? [])
        {
            if (string.IsNullOrWhiteSpace(d.Name)) throw Error("datasets: every dataset needs a name.");
            if (datasets.Any(x => x.Name == d.Name)) throw Error($"datasets: '{d.Name}' is listed twice.");
            if (d.Name.IndexOfAny(['/', '\\']) >= 0) throw Error($"datasets: '{d.Name}' is not a valid name (no path separators).");
            var source = d.Source ?? d.Name;
            if (!DatasetSources.Contains(source)) source = Resolve(source);
            if ((d.MinImages ?? 1) < 1 || (d.MaxImages ?? 0) < 0 || (d.Identities ?? 0) < 0)
                throw Error($"datasets: {d.Name}: min_images must be at least 1, max_images and identities non-negative.");
            if (d.MaxImages is > 0 && d.MaxImages < (d.MinImages ?? 1)) throw Error($"datasets: {d.Name}: max_images is below min_images.");
            datasets.Add(new StudyDataset(d.Name, source, d.MinImages ?? 1, d.MaxImages ?? 0, d.Identities ?? 0));
        }
        if (datasets.Count == 0) throw Error("datasets: no dataset given.");
        string Dataset(string? name, string key) =>
            name is not null && datasets.Any(d => d.Name == name) ? name
                : throw Error($"{key}: unknown dataset '{name}'; datasets: {string.Join(", ", datasets.Select(d => d.Name))}.");

        var preprocessing = Preprocessing(y.Preprocessing ?? new PreprocessingYaml(), Error);

        var imported = new List<ImportedModel>();
        foreach (var i in y.Imported ?? [])
        {
            if (string.IsNullOrWhiteSpace(i.Model)) throw Error("imported: every entry needs a model name.");
            if (models.Contains(i.Model) || imported.Any(x => x.Model == i.Model)) throw Error($"imported: model '{i.Model}' is given twice.");
            var family = i.Family ?? "face-identity";
            if (family is not ("face-identity" or "face-attribute" or "generic-vision"))
                throw Error($"imported: {i.Model}: family '{family}' must be face-identity, face-attribute or generic-vision.");
            var folders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (dataset, folder) in i.Folders ?? []) folders[Dataset(dataset, $"imported: {i.Model}")] = Resolve(folder);
            if (folders.Count == 0) throw Error($"imported: {i.Model}: no folders given (dataset name: exchange folder).");
            var aligned = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (dataset, folder) in i.AlignedFolders ?? []) aligned[Dataset(dataset, $"imported: {i.Model}: aligned_folders")] = Resolve(folder);
            if (aligned.Count > 0 && !preprocessing.HasAlign)
                throw Error($"imported: {i.Model}: aligned_folders given, but preprocessing.variants has no align.");
            if (preprocessing.HasAlign && aligned.Count == 0)
                throw Error($"imported: {i.Model}: preprocessing.variants has align, so the model needs aligned_folders (dataset name: exchange folder of its aligned embeddings).");
            imported.Add(new ImportedModel(i.Model, family, folders) { AlignedFolders = aligned });
        }
        if (models.Count + imported.Count < 2) throw Error("a study needs at least two models (models and imported).");

        var maps = Maps(y.Maps, "maps", Error);
        var seeds = Seeds(y.Seeds, "seeds", Error);
        var protocols = new List<IdentificationProtocol>();
        foreach (var p in y.Protocols ?? [])
            protocols.Add(p switch
            {
                "reference" => IdentificationProtocol.Reference,
                "strict" => IdentificationProtocol.Strict,
                _ => throw Error($"protocols: unknown protocol '{p}'; use reference and/or strict."),
            });
        if (protocols.Count == 0) throw Error("protocols: none given (reference, strict).");
        var trainRatio = Ratio(y.TrainRatio ?? 0.7, "train_ratio", Error);

        var e = y.Experiments!;
        var within = e.Within is { Enabled: not false } w ? (w.Datasets ?? []).Select(n => Dataset(n, "experiments.within")).Distinct().ToList() : [];
        var cross = (e.CrossDataset ?? []).Select(c =>
        {
            var pair = new CrossDatasetPair(Dataset(c.Fit, "experiments.cross_dataset.fit"), Dataset(c.Test, "experiments.cross_dataset.test"));
            return pair.Fit == pair.Test ? throw Error("experiments.cross_dataset: fit and test must be different datasets.") : pair;
        }).ToList();

        SweepSettings? Sweep(SweepYaml? s, string key, IReadOnlyList<MapSpec>? maps)
        {
            if (s is null || s.Enabled == false) return null;
            var ratios = (s.TrainRatios ?? []).Select(r => Ratio(r, $"{key}.train_ratios", Error)).ToList();
            if (ratios.Count == 0) throw Error($"{key}.train_ratios: none given.");
            var test = Ratio(s.TestRatio ?? 0.3, $"{key}.test_ratio", Error);
            if (ratios.Any(r => r + test > 1 + 1e-12)) throw Error($"{key}: a train ratio plus test_ratio exceeds 1.");
            return new SweepSettings(Dataset(s.Dataset, $"{key}.dataset"), ratios, test, maps ?? Maps(s.Maps, $"{key}.maps", Error),
                s.Seeds is null ? seeds : Seeds(s.Seeds, $"{key}.seeds", Error));
        }
        var alphaSweep = e.AlphaSweep;
        IReadOnlyList<MapSpec>? alphaMaps = null;
        if (alphaSweep is { Enabled: not false })
        {
            if (alphaSweep.Alphas is null || alphaSweep.Alphas.Count == 0) throw Error("experiments.alpha_sweep.alphas: none given.");
            if (alphaSweep.Alphas.Any(a => !(a > 0) || !double.IsFinite(a))) throw Error("experiments.alpha_sweep.alphas: every alpha must be positive.");
            alphaMaps = alphaSweep.Alphas.Select(a => new MapSpec(RidgeFitter.Descriptor, new RidgeParameters(a))).DistinctBy(m => m.Label).ToList();
        }

        Degree2Settings? degree2 = null;
        if (e.Degree2 is { Enabled: not false } d2)
        {
            degree2 = new Degree2Settings((d2.Datasets ?? []).Select(n => Dataset(n, "experiments.degree2.datasets")).Distinct().ToList(),
                Maps(d2.Maps, "experiments.degree2.maps", Error),
                d2.Seeds is null ? seeds : Seeds(d2.Seeds, "experiments.degree2.seeds", Error));
        }
        SimilaritySettings? similarity = null;
        if (e.SpaceSimilarity is { Enabled: not false } sim)
        {
            if ((sim.Images ?? 500) < 3 || (sim.Neighbours ?? 10) < 1) throw Error("experiments.space_similarity: images must be at least 3 and neighbours at least 1.");
            similarity = new SimilaritySettings(sim.Images ?? 500, sim.Neighbours ?? 10);
        }
        List<double> Rates(List<double>? rates, string key)
        {
            if (rates is null || rates.Count == 0) throw Error($"{key}: none given.");
            return rates.Select(r => r > 0 && r < 1 ? r : throw Error($"{key}: {r.ToString(CultureInfo.InvariantCulture)} must lie strictly between 0 and 1.")).Distinct().ToList();
        }
        List<MapSpec> MigrationMaps(List<string>? specs, string key)
        {
            var list = Maps(specs, key, Error);
            var other = list.FirstOrDefault(m => m.Role != MapRole.Fitted);
            return other is null ? list
                : throw Error($"{key}: '{other.Label}' is not a fitted map; the native and unaligned scenarios are always scored, list fitted maps only (procrustes, lstsq, ridge).");
        }
        OperatingPointsSettings? operatingPoints = null;
        if (e.OperatingPoints is { Enabled: not false } op)
        {
            var opDatasets = (op.Datasets ?? []).Select(n => Dataset(n, "experiments.operating_points.datasets")).Distinct().ToList();
            if (opDatasets.Count == 0) throw Error("experiments.operating_points.datasets: none given.");
            operatingPoints = new OperatingPointsSettings(opDatasets, MigrationMaps(op.Maps, "experiments.operating_points.maps"),
                Rates(op.FalseMatchRates, "experiments.operating_points.false_match_rates"),
                op.FalsePositiveIdentificationRates is { Count: 0 } ? [] : Rates(op.FalsePositiveIdentificationRates, "experiments.operating_points.false_positive_identification_rates"),
                op.Seeds is null ? seeds : Seeds(op.Seeds, "experiments.operating_points.seeds", Error));
        }
        ExposureSettings? exposure = null;
        if (e.Exposure is { Enabled: not false } leak)
        {
            var fit = Dataset(leak.Fit, "experiments.exposure.fit");
            var test = Dataset(leak.Test, "experiments.exposure.test");
            if (fit == test) throw Error("experiments.exposure: fit and test must be different datasets (the map must not have seen the leaked templates).");
            exposure = new ExposureSettings(fit, test, MigrationMaps(leak.Maps, "experiments.exposure.maps"),
                Rates(leak.FalseMatchRates, "experiments.exposure.false_match_rates"),
                leak.Seeds is null ? seeds : Seeds(leak.Seeds, "experiments.exposure.seeds", Error))
            {
                FitIdentityGrid = leak.FitIdentities is { } grid
                    ? grid.Any(k => k < 1) ? throw Error("experiments.exposure.fit_identities: every size must be a positive number of identities.") : grid.Distinct().Order().ToArray()
                    : [],
            };
        }
        if ((y.Bootstrap ?? 0) < 0) throw Error("bootstrap: must be non-negative.");
        if ((y.RocPoints ?? 60) < 2) throw Error("roc_points: must be at least 2.");
        if (y.Threads is < 1) throw Error("threads: must be at least 1.");

        return new StudyConfig
        {
            Title = y.Title ?? "FaceCompat study",
            Models = models,
            Imported = imported,
            Datasets = datasets,
            Preprocessing = preprocessing,
            Maps = maps,
            Seeds = seeds,
            Protocols = protocols.Distinct().ToList(),
            TrainRatio = trainRatio,
            Bootstrap = y.Bootstrap ?? 1000,
            UnpairedInput = y.UnpairedInput is { } unpaired
                ? UnpairedInputs.Parse(unpaired) ?? throw Error($"unpaired_input: '{unpaired}' is not one of disjoint-people, different-images, same-images.")
                : UnpairedInput.DisjointPeople,
            RocPoints = y.RocPoints ?? 60,
            Threads = y.Threads,
            Within = within,
            CrossDataset = cross,
            DataEfficiency = Sweep(e.DataEfficiency, "experiments.data_efficiency", null),
            AlphaSweep = Sweep(alphaSweep, "experiments.alpha_sweep", alphaMaps),
            Degree2 = degree2,
            SpaceSimilarity = similarity,
            OperatingPoints = operatingPoints,
            Exposure = exposure,
        };
    }

    private static StudyPreprocessing Preprocessing(PreprocessingYaml pre, Func<string, FaceCompatException> error)
    {
        if ((pre.Crop ?? "reference") != "reference") throw error($"preprocessing.crop: '{pre.Crop}' is not supported; use reference.");
        if (pre.Align is not null)
            throw error($"preprocessing.align: replaced by preprocessing.variants (e.g. variants: [crop, align], align_fallback: crop).");
        var variants = new List<PreprocessMode>();
        if (pre.Variants is null) variants.Add(ReferencePreprocessing.Mode);
        foreach (var v in pre.Variants ?? [])
            variants.Add(v switch
            {
                "crop" => PreprocessMode.Crop,
                "align" => PreprocessMode.Align,
                _ => throw error($"preprocessing.variants: unknown variant '{v}'; use crop and/or align."),
            });
        if (variants.Count == 0) throw error("preprocessing.variants: none given (crop, align).");
        var fallbackCrop = (pre.AlignFallback ?? "crop") switch
        {
            "crop" => true,
            "skip" => false,
            var other => throw error($"preprocessing.align_fallback: '{other}' is not one of crop, skip."),
        };
        Aligner aligner;
        try { aligner = pre.Aligner is null ? AlignerNames.Default : AlignerNames.Parse(pre.Aligner); }
        catch (FaceCompatException ex) { throw error($"preprocessing.aligner: {ex.Message}"); }
        if (pre.Aligner is not null && !variants.Contains(PreprocessMode.Align))
            throw error("preprocessing.aligner: only used by the align variant; add align to preprocessing.variants.");
        return new StudyPreprocessing(variants.Distinct().ToList(), fallbackCrop, pre.Flip ?? false, aligner);
    }

    private static List<MapSpec> Maps(List<string>? specs, string key, Func<string, FaceCompatException> error)
    {
        if (specs is null || specs.Count == 0) throw error($"{key}: no map given.");
        var maps = new List<MapSpec>();
        foreach (var spec in specs)
        {
            try { maps.Add(MapSpec.Parse(spec)); }
            catch (FaceCompatException ex) { throw error($"{key}: {ex.Message}"); }
        }
        return maps.DistinctBy(m => m.Label).ToList();
    }

    private static List<int> Seeds(List<int>? seeds, string key, Func<string, FaceCompatException> error)
    {
        if (seeds is null || seeds.Count == 0) throw error($"{key}: no seed given.");
        if (seeds.Any(s => s < 0)) throw error($"{key}: seeds must be non-negative.");
        return seeds.Distinct().ToList();
    }

    private static double Ratio(double value, string key, Func<string, FaceCompatException> error) =>
        value > 0 && value < 1 ? value : throw error($"{key}: {value.ToString(CultureInfo.InvariantCulture)} must lie strictly between 0 and 1.");

    private static string Resource(string name)
    {
        using var stream = typeof(StudyConfigReader).Assembly.GetManifestResourceStream($"FaceCompat.Studies.Config.{name}")
            ?? throw new InvalidOperationException($"Embedded study configuration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
