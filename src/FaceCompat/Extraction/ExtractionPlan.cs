using FaceCompat.Datasets;

namespace FaceCompat.Extraction;

/// <summary>Where one image's outcome comes from: position <see cref="Extract"/> of the images a run extracts, else an earlier row or skip.</summary>
internal readonly record struct RowSource(int Extract, int EarlierRow, string? EarlierSkip)
{
    public static RowSource Extracted(int index) => new(index, -1, null);
    public static RowSource Reused(EarlierImage earlier) => new(-1, earlier.Row, earlier.SkipReason);
}

/// <summary>The rows of a finished run in dataset order, and the images without one.</summary>
internal sealed record AssembledRows(float[] Vectors, IReadOnlyList<DatasetImage> Images, IReadOnlyList<SkippedImage> Skipped);

/// <summary>
/// What a run extracts and what it takes from an earlier extraction of the same model with the same row key (model
/// files, input size, preprocessing and flip test, minimum side): an image whose path, identity and size are all
/// unchanged keeps its row — or its skip, when the reason lasts (<see cref="SkipReasons.Lasting"/>) — byte for byte;
/// new and changed images are extracted; images gone from the dataset drop out. Without an earlier extraction every
/// image is extracted.
/// </summary>
internal sealed class ExtractionPlan
{
    private readonly RowSource[] _sources;

    private ExtractionPlan(ImageDataset toExtract, FileList toExtractFiles, RowSource[] sources, EarlierExtraction? earlier, int reused, int removed)
    {
        ToExtract = toExtract;
        ToExtractFiles = toExtractFiles;
        _sources = sources;
        Earlier = earlier;
        Reused = reused;
        Removed = removed;
    }

    /// <summary>The images to run through the model, in dataset order (the whole dataset without an earlier extraction).</summary>
    public ImageDataset ToExtract { get; }

    /// <summary>Their file list, which keys the chunks of an interrupted run.</summary>
    public FileList ToExtractFiles { get; }

    public EarlierExtraction? Earlier { get; }

    /// <summary>Images whose row or skip comes from <see cref="Earlier"/>.</summary>
    public int Reused { get; }

    /// <summary>Images of <see cref="Earlier"/> that are no longer in the dataset.</summary>
    public int Removed { get; }

    public static ExtractionPlan Full(ImageDataset dataset, FileList files) =>
        new(dataset, files, Enumerable.Range(0, dataset.Images.Count).Select(RowSource.Extracted).ToArray(), null, 0, 0);

    public static ExtractionPlan Incremental(ImageDataset dataset, FileList files, EarlierExtraction earlier)
    {
        var before = earlier.Images();
        var sources = new RowSource[dataset.Images.Count];
        var extract = new List<int>();
        for (var i = 0; i < sources.Length; i++)
        {
            var file = files.Entries[i];
            if (before.TryGetValue(file.Path, out var was) && was.File == file && file.Size >= 0 && SkipReasons.Lasting(was.SkipReason))
                sources[i] = RowSource.Reused(was);
            else
            {
                sources[i] = RowSource.Extracted(extract.Count);
                extract.Add(i);
            }
        }
        var current = files.Entries.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var toExtract = new ImageDataset(dataset.Name, dataset.Root, extract.Select(i => dataset.Images[i]).ToList(), dataset.ReferenceCrop);
        return new ExtractionPlan(toExtract, files.Subset(extract), sources, earlier, sources.Length - extract.Count, before.Keys.Count(p => !current.Contains(p)));
    }

    /// <summary>
    /// Every image's outcome in dataset order: the extracted images' rows (<paramref name="extracted"/>, row-major, and
    /// <paramref name="extractedSkips"/> by position in <see cref="ToExtract"/>) merged with the earlier ones.
    /// </summary>
    public AssembledRows Assemble(ImageDataset dataset, float[] extracted, IReadOnlyDictionary<int, string> extractedSkips, int dimension)
    {
        var earlier = Reused > 0 ? Earlier!.ReadRows(dimension) : [];
        var images = new List<DatasetImage>();
        var skipped = new List<SkippedImage>();
        var rows = new List<(float[] From, int Row)>();
        var nextExtracted = 0;
        for (var i = 0; i < _sources.Length; i++)
        {
            var source = _sources[i];
            var image = dataset.Images[i];
            var reason = source.Extract >= 0 ? extractedSkips.GetValueOrDefault(source.Extract) : source.EarlierSkip;
            if (reason is not null)
            {
                skipped.Add(new SkippedImage(image.RelativePath, reason));
                continue;
            }
            images.Add(image);
            rows.Add(source.Extract >= 0 ? (extracted, nextExtracted++) : (earlier, source.EarlierRow));
        }
        if (nextExtracted * dimension != extracted.Length)
            throw new InvalidOperationException($"Row count mismatch: {nextExtracted} usable extracted images, {extracted.Length / dimension} embeddings.");
        var vectors = new float[rows.Count * dimension];
        for (var r = 0; r < rows.Count; r++)
            rows[r].From.AsSpan(rows[r].Row * dimension, dimension).CopyTo(vectors.AsSpan(r * dimension));
        return new AssembledRows(vectors, images, skipped);
    }
}
