using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FaceCompat.Embeddings;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Studies.Config;

namespace FaceCompat.Studies;

/// <summary>One dataset's embeddings for every model of a study, rows aligned by index.</summary>
internal sealed class DatasetEmbeddings
{
    public DatasetEmbeddings(string dataset, IReadOnlyList<EmbeddingRecord> records, IReadOnlyDictionary<string, EmbeddingSet> sets,
        IReadOnlyDictionary<string, string> fingerprints)
    {
        Dataset = dataset;
        Records = records;
        Sets = sets;
        Fingerprints = fingerprints;
    }

    public string Dataset { get; }
    public IReadOnlyList<EmbeddingRecord> Records { get; }

    /// <summary>Model id → embeddings.</summary>
    public IReadOnlyDictionary<string, EmbeddingSet> Sets { get; }

    /// <summary>Model id → SHA-256 of its values and records (what a cached unit of work is keyed by).</summary>
    public IReadOnlyDictionary<string, string> Fingerprints { get; }
}

/// <summary>Everything the study measures: the models and each dataset's embeddings.</summary>
internal sealed record StudyInputs(IReadOnlyList<StudyModel> Models, IReadOnlyDictionary<string, DatasetEmbeddings> Datasets)
{
    public string Family(string model) => Models.First(m => m.Id == model).Family;
}

/// <summary>One preprocessing variant of a study (crop or align) and its embeddings; <see cref="Label"/> is the results' preprocessing value.</summary>
internal sealed record StudyVariant(PreprocessMode Mode, string Label, StudyInputs Inputs);

/// <summary>How the runner gets embeddings: extraction of built-in/card models (cached, resumable) and imported exchange folders.</summary>
internal static class StudyEmbeddings
{
    /// <summary>
    /// Every preprocessing variant's embeddings. With several variants, each dataset is then restricted to
    /// the images every variant has (<see cref="CommonRows"/>): with <c>align_fallback: skip</c> the align
    /// variant lacks the images without a detected face, and the crop variant is measured without them too,
    /// so both share identity splits and test sets and their difference is paired.
    /// </summary>
    public static IReadOnlyList<StudyVariant> LoadVariants(StudyConfig config, StudyRunOptions options)
    {
        var variants = config.Preprocessing.Variants
            .Select(v => new StudyVariant(v, config.Preprocessing.Label(v), Load(config, options, v))).ToList();
        return variants.Count == 1 ? variants : CommonRows(variants, options.Log);
    }

    /// <summary>One variant's embeddings: extracted into <see cref="ExtractionOptions.DefaultOutputRoot"/> of the variant, or imported.</summary>
    public static StudyInputs Load(StudyConfig config, StudyRunOptions options, PreprocessMode variant = PreprocessMode.Crop)
    {
        var label = config.Preprocessing.Label(variant);
        var cards = config.Models.Select(ModelCatalog.Get).ToList();
        var models = new List<StudyModel>();
        var perDataset = new Dictionary<string, Dictionary<string, EmbeddingSet>>();
        var files = new Dictionary<string, List<string>>();
        var needed = config.Datasets.Where(d => Used(config, d.Name)).ToList();
        foreach (var dataset in needed)
        {
            var sets = perDataset[dataset.Name] = new Dictionary<string, EmbeddingSet>(StringComparer.Ordinal);
            if (cards.Count > 0)
            {
                var images = StudyDatasets.Images(dataset, options.DataRoot);
                options.Log?.Invoke($"dataset {dataset.Name} ({label}): {images.Images.Count} images, {images.Images.Select(i => i.Identity).Distinct().Count()} identities ({images.Name})");
                var extraction = new ExtractionOptions
                {
                    OutputRoot = ExtractionOptions.DefaultOutputRoot(variant, options.EmbeddingsRoot, config.Preprocessing.Aligner),
                    Flip = config.Preprocessing.Flip,
                    PixelCache = PixelCacheOptions.Default(),
                    Preprocess = variant,
                    AlignFallbackCrop = config.Preprocessing.AlignFallbackCrop,
                    Aligner = config.Preprocessing.Aligner,
                };
                ExtractionResult? result = null;
                foreach (var card in cards)
                {
                    ExtractionResult Extract(IProgress<ExtractionProgress>? progress) =>
                        ModelExtraction.Run(images, card, extraction, config.Threads, progress, options.Log, options.Cancellation);
                    result = options.ExtractionView is { } view ? view(images.Name, card.Id, p => Extract(p)) : Extract(null);
                    var values = NpyReader.ReadFloat32(result.EmbeddingsPath, out var rows, out var cols);
                    var records = MetadataCsv.Read(result.MetadataPath);
                    EmbeddingChecks.RequireRowCount(rows, records.Count, result.EmbeddingsPath, result.MetadataPath);
                    sets[card.Id] = new EmbeddingSet(values, rows, cols, records);
                    Files(files, card.Id).Add($"{label}/{dataset.Name}:{Path.GetFileName(result.EmbeddingsPath)}={ComparisonInputs.Sha256(result.EmbeddingsPath)}");
                }
                if (result is { StaleModels.Count: > 0 })
                    options.Log?.Invoke($"warning: {string.Join(", ", result.StaleModels)} in {result.DatasetDirectory} no longer match its images (the dataset's files " +
                        "changed): set aside in .previous/ until extracted again, which embeds only new or changed images");
            }
            foreach (var imported in config.Imported)
            {
                if (!imported.FoldersFor(variant).TryGetValue(dataset.Name, out var folder))
                    throw new FaceCompatException($"imported model '{imported.Model}' has no {(variant == PreprocessMode.Align ? "aligned_folders" : "folders")} entry for dataset '{dataset.Name}'.");
                var embeddingFolder = new EmbeddingFolder(folder);
                var set = embeddingFolder.Load(imported.Model);
                if (dataset.IsSubset) set = Restrict(set, StudyDatasets.SelectIdentities(set.Records.Select(r => r.Identity).ToList(), dataset));
                sets[imported.Model] = set;
                Files(files, imported.Model).Add($"{label}/{dataset.Name}:{Path.GetFileName(embeddingFolder.ModelPath(imported.Model))}={ComparisonInputs.Sha256(embeddingFolder.ModelPath(imported.Model))}");
            }
        }
        foreach (var card in cards)
            models.Add(new StudyModel(card.Id, FamilyName(card.Family), card.Origin == "built-in" ? "built-in" : $"card {card.Origin}",
                files.GetValueOrDefault(card.Id) ?? []));
        foreach (var imported in config.Imported)
            models.Add(new StudyModel(imported.Model, imported.Family, "imported", files.GetValueOrDefault(imported.Model) ?? []));

        var datasets = new Dictionary<string, DatasetEmbeddings>(StringComparer.Ordinal);
        foreach (var (name, sets) in perDataset) datasets[name] = Aligned(name, models, sets);
        return new StudyInputs(models, datasets);
    }

    /// <summary>
    /// Restricts every variant's datasets to the images (by path) all variants have, in the first variant's
    /// row order; variants that already agree are returned unchanged.
    /// </summary>
    public static IReadOnlyList<StudyVariant> CommonRows(IReadOnlyList<StudyVariant> variants, Action<string>? log = null)
    {
        var restricted = variants.Select(v => new Dictionary<string, DatasetEmbeddings>(v.Inputs.Datasets, StringComparer.Ordinal)).ToList();
        foreach (var name in variants[0].Inputs.Datasets.Keys)
        {
            var common = variants[0].Inputs.Datasets[name].Records.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var v in variants.Skip(1)) common.IntersectWith(v.Inputs.Datasets[name].Records.Select(r => r.Path));
            if (variants.All(v => v.Inputs.Datasets[name].Records.Count == common.Count)) continue;
            var order = variants[0].Inputs.Datasets[name].Records.Where(r => common.Contains(r.Path)).Select(r => r.Path).ToList();
            for (var i = 0; i < variants.Count; i++)
            {
                var data = variants[i].Inputs.Datasets[name];
                var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var r = 0; r < data.Records.Count; r++) rowOf[data.Records[r].Path] = r;
                var rows = order.Select(p => rowOf[p]).ToArray();
                log?.Invoke($"dataset {name} ({variants[i].Label}): {data.Records.Count - rows.Length} of {data.Records.Count} images left out (not in every preprocessing variant), {rows.Length} kept");
                var sets = data.Sets.ToDictionary(s => s.Key, s => RestrictRows(s.Value, rows), StringComparer.Ordinal);
                restricted[i][name] = Aligned(name, variants[i].Inputs.Models, sets);
            }
        }
        return variants.Select((v, i) => v with { Inputs = v.Inputs with { Datasets = restricted[i] } }).ToList();
    }

    public static string FamilyName(ModelFamily family) => ModelFamilies.Name(family);

    /// <summary>Whether any experiment reads the dataset.</summary>
    public static bool Used(StudyConfig c, string dataset) =>
        c.Within.Contains(dataset) || c.CrossDataset.Any(x => x.Fit == dataset || x.Test == dataset) || c.DataEfficiency?.Dataset == dataset
        || c.AlphaSweep?.Dataset == dataset || (c.Degree2?.Datasets.Contains(dataset) ?? false)
        || (c.OperatingPoints?.Datasets.Contains(dataset) ?? false) || c.Exposure?.Fit == dataset || c.Exposure?.Test == dataset;

    private static List<string> Files(Dictionary<string, List<string>> files, string model) =>
        files.TryGetValue(model, out var list) ? list : files[model] = [];

    private static EmbeddingSet Restrict(EmbeddingSet set, IReadOnlyList<string> identities)
    {
        var keep = identities.ToHashSet(StringComparer.Ordinal);
        return RestrictRows(set, Enumerable.Range(0, set.Count).Where(i => keep.Contains(set.Records[i].Identity)).ToArray());
    }

    /// <summary>The given rows (in order) as a set of their own, re-indexed from 0.</summary>
    public static EmbeddingSet RestrictRows(EmbeddingSet set, int[] rows)
    {
        var values = new float[rows.Length * set.Dimension];
        var records = new EmbeddingRecord[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            set.Row(rows[i]).CopyTo(values.AsSpan(i * set.Dimension, set.Dimension));
            var r = set.Records[rows[i]];
            records[i] = new EmbeddingRecord(i, r.Path, r.Identity);
        }
        return new EmbeddingSet(values, rows.Length, set.Dimension, records);
    }

    private static DatasetEmbeddings Aligned(string dataset, IReadOnlyList<StudyModel> models, Dictionary<string, EmbeddingSet> sets)
    {
        var first = models.First(m => sets.ContainsKey(m.Id)).Id;
        var records = sets[first].Records;
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in models.Select(m => m.Id))
        {
            var set = sets[model];
            if (set.Count != records.Count || !Enumerable.Range(0, records.Count).All(i =>
                    set.Records[i].Path == records[i].Path && set.Records[i].Identity == records[i].Identity))
                throw new FaceCompatException($"Dataset {dataset}: the rows of '{model}' ({set.Count}) are not the images of '{first}' ({records.Count}) in the same order; every model needs the same images.");
            EmbeddingChecks.RequireUsableRows(set, model);
            fingerprints[model] = Fingerprint(set);
        }
        return new DatasetEmbeddings(dataset, records, sets, fingerprints);
    }

    private static string Fingerprint(EmbeddingSet set)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(set.Vectors.AsSpan()));
        foreach (var r in set.Records) hash.AppendData(Encoding.UTF8.GetBytes($"{r.Path}\t{r.Identity}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
