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
public sealed class DatasetEmbeddings
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
public sealed record StudyInputs(IReadOnlyList<StudyModel> Models, IReadOnlyDictionary<string, DatasetEmbeddings> Datasets)
{
    public string Family(string model) => Models.First(m => m.Id == model).Family;
}

/// <summary>How the runner gets embeddings: extraction of built-in/card models (cached, resumable) and imported exchange folders.</summary>
public static class StudyEmbeddings
{
    public static StudyInputs Load(StudyConfig config, StudyRunOptions options)
    {
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
                options.Log?.Invoke($"dataset {dataset.Name}: {images.Images.Count} images, {images.Images.Select(i => i.Identity).Distinct().Count()} identities ({images.Name})");
                var extraction = new ExtractionOptions
                {
                    OutputRoot = options.EmbeddingsRoot ?? Path.Combine(FaceCompatPaths.CacheRoot, "embeddings"),
                    Flip = config.Preprocessing.Flip,
                    PixelCache = PixelCacheOptions.Default(),
                };
                foreach (var card in cards)
                {
                    ExtractionResult Extract(IProgress<ExtractionProgress>? progress) =>
                        ModelExtraction.Run(images, card, extraction, config.Threads, progress, options.Log, options.Cancellation);
                    var result = options.ExtractionView is { } view ? view(images.Name, card.Id, p => Extract(p)) : Extract(null);
                    var values = NpyReader.ReadFloat32(result.EmbeddingsPath, out var rows, out var cols);
                    var records = MetadataCsv.Read(result.MetadataPath);
                    EmbeddingChecks.RequireRowCount(rows, records.Count, result.EmbeddingsPath, result.MetadataPath);
                    sets[card.Id] = new EmbeddingSet(values, rows, cols, records);
                    Files(files, card.Id).Add($"{dataset.Name}:{Path.GetFileName(result.EmbeddingsPath)}={ComparisonInputs.Sha256(result.EmbeddingsPath)}");
                }
            }
            foreach (var imported in config.Imported)
            {
                if (!imported.Folders.TryGetValue(dataset.Name, out var folder))
                    throw new FaceCompatException($"imported model '{imported.Model}' has no folder for dataset '{dataset.Name}'.");
                var embeddingFolder = new EmbeddingFolder(folder);
                var set = embeddingFolder.Load(imported.Model);
                if (dataset.IsSubset) set = Restrict(set, StudyDatasets.SelectIdentities(set.Records.Select(r => r.Identity).ToList(), dataset));
                sets[imported.Model] = set;
                Files(files, imported.Model).Add($"{dataset.Name}:{Path.GetFileName(embeddingFolder.ModelPath(imported.Model))}={ComparisonInputs.Sha256(embeddingFolder.ModelPath(imported.Model))}");
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

    public static string FamilyName(ModelFamily family) => ModelFamilies.Name(family);

    /// <summary>Whether any experiment reads the dataset.</summary>
    public static bool Used(StudyConfig c, string dataset) =>
        c.Within.Contains(dataset) || c.CrossDataset.Any(x => x.Fit == dataset || x.Test == dataset) || c.DataEfficiency?.Dataset == dataset
        || c.AlphaSweep?.Dataset == dataset || (c.Degree2?.Datasets.Contains(dataset) ?? false);

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
