using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;
using FaceCompat.Models;

namespace FaceCompat.Extraction;

/// <summary>
/// Extracts one model's embeddings of a dataset into <c>&lt;out&gt;/&lt;dataset&gt;/</c>:
/// <c>&lt;model&gt;.npy</c>, <c>metadata.csv</c> and <c>manifest.json</c>. Images are decoded and
/// preprocessed on <see cref="ExtractionOptions.DecodeThreads"/> threads while the embedder runs batches;
/// work is committed in chunks (see <see cref="ChunkStore"/>) so an interrupted run resumes where it
/// stopped. Rows are the dataset's images that decode, in dataset order; the rest are recorded as
/// skipped with a reason. Decoding does not depend on the model, so every model of a dataset gets the
/// same rows, and a mismatch with an existing metadata.csv is refused rather than written.
/// </summary>
internal static class ExtractionPipeline
{
    /// <param name="modelRuns">
    /// The timer the embedder reports its model runs to (<see cref="Models.Inference.EmbedderOptions.Observer"/>), for
    /// <see cref="ExtractionTimings.InferenceRun"/>; null when it reports none.
    /// </param>
    public static ExtractionResult Run(ImageDataset dataset, IImageEmbedder embedder, ModelProvenance model,
        ExtractionOptions options, IProgress<ExtractionProgress>? progress = null, Models.Inference.InferenceTimer? modelRuns = null,
        CancellationToken cancellation = default) =>
        RunAsync(dataset, embedder, model, options, progress, modelRuns, cancellation).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public static async Task<ExtractionResult> RunAsync(ImageDataset dataset, IImageEmbedder embedder, ModelProvenance model,
        ExtractionOptions options, IProgress<ExtractionProgress>? progress = null, Models.Inference.InferenceTimer? modelRuns = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var target = Locate(dataset, EmbedderShape.Of(embedder), model, options);
        if (Reuse(target, options, clock) is { } done) return done;
        var (_, datasetDir, npyPath, metadataPath, manifestPath, preprocessing, fileListHash, runKey, _, _) = target;

        using var store = new ChunkStore(Path.Combine(datasetDir, ".partial", SafeFileName(model.ModelId)), runKey);
        var total = dataset.Images.Count;
        var chunkCount = (total + options.ChunkSize - 1) / options.ChunkSize;
        var chunks = new ChunkIndex?[chunkCount];
        var pending = new List<int>();
        var resumedImages = 0;
        for (var c = 0; c < chunkCount; c++)
        {
            var (first, count) = ChunkRange(c, options.ChunkSize, total);
            chunks[c] = store.TryLoad(c, first, count, embedder.Dimension);
            if (chunks[c] is null) pending.Add(c);
            else resumedImages += count;
        }
        var resumedChunks = chunkCount - pending.Count;

        var pixels = options.PixelCache is { } pixelCache && pending.Count > 0
            ? PixelStore.Open(dataset, preprocessing.Images, options.MinimumSide, pixelCache)
            : null;
        var timing = new TimingCounters { Setup = clock.Elapsed };
        var runBefore = modelRuns?.Elapsed ?? TimeSpan.Zero;
        try
        {
            await ExtractChunksAsync(dataset, embedder, preprocessing, options, store, chunks, pending, resumedImages, pixels, progress, timing, cancellation)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException stopped) when (cancellation.IsCancellationRequested)
        {
            // What a rerun will find: the chunks the store holds now (commits in flight finished or were dropped whole).
            var saved = Enumerable.Range(0, chunkCount).Count(c =>
            {
                var (first, count) = ChunkRange(c, options.ChunkSize, total);
                return store.TryLoad(c, first, count, embedder.Dimension) is not null;
            });
            throw new ExtractionInterruptedException(model.ModelId, saved, chunkCount, datasetDir, stopped);
        }
        var finishStart = clock.Elapsed;
        var result = Finish(dataset, embedder, model, options, preprocessing, fileListHash, runKey, store, chunks, datasetDir, npyPath,
            metadataPath, manifestPath, resumedChunks, pixels, clock);
        return result with
        {
            Timings = new ExtractionTimings(timing.Setup, Seconds(timing.Waiting), Seconds(timing.Embedding),
                (modelRuns?.Elapsed ?? TimeSpan.Zero) - runBefore, Seconds(timing.Committing), timing.WriterBusy,
                clock.Elapsed - finishStart),
        };
    }

    /// <summary>
    /// The finished extraction when <paramref name="options"/>' output already holds these embeddings (same model files,
    /// images, preprocessing and options), found without loading the model; null when there is work to do.
    /// </summary>
    public static ExtractionResult? TryReuse(ImageDataset dataset, EmbedderShape shape, ModelProvenance model, ExtractionOptions options)
    {
        options.Validate();
        return Reuse(Locate(dataset, shape, model, options), options, Stopwatch.StartNew());
    }

    /// <summary>Where one model's extraction of a dataset goes, and the key its chunks and manifest entry carry.</summary>
    private sealed record Target(string ModelId, string DatasetDir, string NpyPath, string MetadataPath, string ManifestPath,
        Preprocessing Preprocessing, string FileListHash, string RunKey, JsonObject? Manifest, int Dimension);

    private static Target Locate(ImageDataset dataset, EmbedderShape shape, ModelProvenance model, ExtractionOptions options)
    {
        if (model.ModelId != shape.ModelId)
            throw new ArgumentException($"Provenance is for '{model.ModelId}' but the embedder is '{shape.ModelId}'.", nameof(model));
        var datasetDir = Path.Combine(Path.GetFullPath(options.OutputRoot), dataset.Name);
        var images = options.Preprocessing
            ?? ReferencePreprocessing.Crop(dataset, shape.InputWidth, shape.InputHeight, new ImageDecoder(options.MinimumSide));
        if (images.Width != shape.InputWidth || images.Height != shape.InputHeight)
            throw new ArgumentException($"The preprocessing makes {images.Width}x{images.Height} inputs; the model takes {shape.InputWidth}x{shape.InputHeight}.", nameof(options));
        var preprocessing = new Preprocessing(images, options.Flip);
        var fileListHash = dataset.FileListHash();
        var manifest = ExtractionManifest.Read(datasetDir);
        CheckSameFileList(manifest, fileListHash, datasetDir);
        return new Target(model.ModelId, datasetDir, Path.Combine(datasetDir, SafeFileName(model.ModelId) + ".npy"), Path.Combine(datasetDir, "metadata.csv"),
            Path.Combine(datasetDir, ExtractionManifest.FileName), preprocessing, fileListHash,
            RunKey(model, shape, preprocessing, fileListHash, options), manifest, shape.Dimension);
    }

    private static ExtractionResult? Reuse(Target target, ExtractionOptions options, Stopwatch clock)
    {
        var manifest = target.Manifest;
        if (options.Force || ExtractionManifest.ModelRunKey(manifest, target.ModelId) != target.RunKey
            || !File.Exists(target.NpyPath) || !File.Exists(target.MetadataPath))
            return null;
        var rows = manifest!["rows"]!.GetValue<int>();
        var skippedBefore = manifest["skipped"]!.AsArray()
            .Select(n => new SkippedImage(n!["path"]!.GetValue<string>(), n["reason"]!.GetValue<string>())).ToList();
        return new ExtractionResult(target.DatasetDir, target.NpyPath, target.MetadataPath, target.ManifestPath, rows, target.Dimension,
            skippedBefore, 0, true, clock.Elapsed);
    }

    private static TimeSpan Seconds(long ticks) => Stopwatch.GetElapsedTime(0, ticks);

    /// <summary>Stopwatch ticks spent in each part of the inference thread's loop.</summary>
    private sealed class TimingCounters
    {
        public TimeSpan Setup;
        public long Waiting;
        public long Embedding;
        public long Committing;
        public TimeSpan WriterBusy;
    }

    private static async Task ExtractChunksAsync(ImageDataset dataset, IImageEmbedder embedder, Preprocessing preprocessing,
        ExtractionOptions options, ChunkStore store, ChunkIndex?[] chunks, List<int> pending, int resumedImages, PixelStore? pixels,
        IProgress<ExtractionProgress>? progress, TimingCounters timing, CancellationToken cancellation)
    {
        var total = dataset.Images.Count;
        var indices = new List<int>();
        var ranges = new List<(int Chunk, int First, int Count)>(pending.Count);
        foreach (var c in pending)
        {
            var (first, count) = ChunkRange(c, options.ChunkSize, total);
            ranges.Add((c, first, count));
            for (var i = first; i < first + count; i++) indices.Add(i);
        }
        var dim = embedder.Dimension;
        var done = resumedImages;
        var skippedSoFar = 0;
        foreach (var chunk in chunks) if (chunk is not null) skippedSoFar += chunk.Skipped.Count;
        var clock = Stopwatch.StartNew();
        var processed = 0;
        void Report() => progress?.Report(new ExtractionProgress(dataset.Name, embedder.ModelId, total, done, resumedImages, skippedSoFar,
            clock.Elapsed, clock.Elapsed.TotalSeconds > 0 ? processed / clock.Elapsed.TotalSeconds : 0));
        Report();
        if (indices.Count == 0) return;

        // Stages: decode workers (OrderedPreparer) -> batches and their input tensors (BatchAssembler) ->
        // inference (this loop) -> chunk commits (ChunkWriter). When the pixel cache holds every image there
        // is nothing to decode: the images are read and the tensors filled on this thread, between runs.
        var everythingCached = pixels is not null && pixels.HoldsAll();
        var preprocessor = pixels is null ? preprocessing.Images : new PixelCachedPreprocessor(preprocessing.Images, pixels, dataset);
        var capacity = Math.Max(2, 2 * options.BatchSize / options.DecodeThreads);
        await using IPreparedImages images = everythingCached
            ? new CallerThreadPreparer(dataset, indices, preprocessor, preprocessing.Flip)
            : new OrderedPreparer(dataset, indices, preprocessor, preprocessing.Flip, options.DecodeThreads, capacity, cancellation);
        await using var assembler = new BatchAssembler(images, embedder, ranges, options.BatchSize, preprocessing.Flip, background: !everythingCached, cancellation);
        var writer = new ChunkWriter(store);
        var batchEmbedder = new BatchEmbedder(embedder, options.BatchSize, preprocessing.Flip);
        try
        {
            float[]? rows = null;
            var rowCount = 0;
            await using var batches = assembler.ReadAllAsync(cancellation).GetAsyncEnumerator(cancellation);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (!await batches.MoveNextAsync().ConfigureAwait(false)) break;
                var batch = batches.Current;
                var t1 = Stopwatch.GetTimestamp();
                timing.Waiting += t1 - t0;
                rows ??= new float[batch.ChunkCount * dim];
                rowCount += batchEmbedder.Embed(batch, rows.AsSpan(rowCount * dim));
                timing.Embedding += Stopwatch.GetTimestamp() - t1;
                done += batch.Handled;
                processed += batch.Handled;
                if (batch.EndOfChunkSkips is { } skipped)
                {
                    skippedSoFar += skipped.Count;
                    cancellation.ThrowIfCancellationRequested();
                    var t2 = Stopwatch.GetTimestamp();
                    await writer.EnqueueAsync(batch.Chunk, batch.ChunkFirst, batch.ChunkCount, dim, rows, rowCount, skipped, cancellation).ConfigureAwait(false);
                    timing.Committing += Stopwatch.GetTimestamp() - t2;
                    chunks[batch.Chunk] = new ChunkIndex(batch.Chunk, batch.ChunkFirst, batch.ChunkCount, rowCount, dim, "", skipped);
                    rows = null;
                    rowCount = 0;
                }
                assembler.Return(batch);
                Report();
            }
        }
        finally
        {
            // Chunks handed to the writer are committed even when the run stops early (cancellation, failure).
            await writer.CompleteAsync().ConfigureAwait(false);
            timing.WriterBusy = writer.Busy;
        }
    }

    private static ExtractionResult Finish(ImageDataset dataset, IImageEmbedder embedder, ModelProvenance model, ExtractionOptions options,
        Preprocessing preprocessing, string fileListHash, string runKey, ChunkStore store, ChunkIndex?[] chunks, string datasetDir,
        string npyPath, string metadataPath, string manifestPath, int resumedChunks, PixelStore? pixels, Stopwatch clock)
    {
        var dim = embedder.Dimension;
        var skippedIndex = new Dictionary<int, string>();
        var rowCount = 0;
        foreach (var chunk in chunks)
        {
            rowCount += chunk!.Rows;
            foreach (var s in chunk.Skipped) skippedIndex[s.Index] = s.Reason;
        }
        var rows = new List<DatasetImage>(rowCount);
        var skipped = new List<SkippedImage>();
        for (var i = 0; i < dataset.Images.Count; i++)
        {
            if (skippedIndex.TryGetValue(i, out var reason)) skipped.Add(new SkippedImage(dataset.Images[i].RelativePath, reason));
            else rows.Add(dataset.Images[i]);
        }
        if (rows.Count != rowCount) throw new InvalidOperationException($"Row count mismatch: {rows.Count} usable images, {rowCount} embeddings.");
        if (rowCount == 0)
        {
            // Nothing to write: an empty .npy would look like a finished extraction. The chunks stay for a rerun.
            var examples = string.Join("; ", skipped.Take(3).Select(s => $"{s.Path}: {s.Reason}"));
            throw new FaceCompatException($"None of the {dataset.Images.Count} images of {dataset.Name} gave an embedding ({examples}); nothing was written.");
        }

        var metadata = MetadataCsv.Format(rows.Select((r, i) => new EmbeddingRecord(i, r.RelativePath, r.Identity)).ToList());
        if (File.Exists(metadataPath) && File.ReadAllText(metadataPath) != metadata)
            throw new FaceCompatException(
                $"{metadataPath} from an earlier extraction lists other rows than this one (the images or their readability changed). " +
                "Extract into a new output folder, or delete the dataset folder to start over.", UserHint.OutputFolder);

        var vectors = new float[rowCount * dim];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            store.ReadRows(chunk!, vectors.AsSpan(offset, chunk!.Rows * dim));
            offset += chunk.Rows * dim;
        }
        AtomicFile.Write(npyPath, stream => NpyWriter.WriteFloat32(stream, vectors, rowCount, dim));
        if (!File.Exists(metadataPath)) AtomicFile.WriteAllText(metadataPath, metadata);

        var npySha = ModelProvenance.Sha256Of(npyPath);
        var metadataSha = ModelProvenance.Sha256Of(metadataPath);
        var elapsed = clock.Elapsed;
        ExtractionManifest.Update(datasetDir, m =>
        {
            m["dataset"] = dataset.Name;
            m["root"] = dataset.Root;
            m["fileListSha256"] = fileListHash;
            m["images"] = dataset.Images.Count;
            m["rows"] = rowCount;
            m["metadata"] = new JsonObject { ["file"] = "metadata.csv", ["sha256"] = metadataSha };
            m["skipped"] = new JsonArray(skipped.Select(s => (JsonNode)new JsonObject { ["path"] = s.Path, ["reason"] = s.Reason }).ToArray());
            m["listingProblems"] = new JsonArray(dataset.Problems.Select(p => (JsonNode)new JsonObject { ["path"] = p.RelativePath, ["reason"] = p.Reason }).ToArray());
            var models = m["models"] as JsonObject ?? new JsonObject();
            m["models"] = models;
            models[model.ModelId] = new JsonObject
            {
                ["modelId"] = model.ModelId,
                ["modelFiles"] = new JsonArray(model.Files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["sha256"] = f.Sha256 }).ToArray()),
                ["dimension"] = dim,
                ["input"] = $"{embedder.InputWidth}x{embedder.InputHeight}",
                ["preprocessing"] = preprocessing.Describe(),
                ["preprocess"] = preprocessing.Mode,
                ["alignment"] = (preprocessing.Images as Alignment.AlignPreprocessor)?.ManifestNode(),
                ["minimumSide"] = options.MinimumSide,
                ["embeddings"] = new JsonObject { ["file"] = Path.GetFileName(npyPath), ["sha256"] = npySha, ["rows"] = rowCount },
                ["batchSize"] = options.BatchSize,
                ["decodeThreads"] = options.DecodeThreads,
                ["chunkSize"] = options.ChunkSize,
                ["resumedChunks"] = resumedChunks,
                ["pixelCache"] = pixels is null ? null : new JsonObject
                {
                    ["folder"] = pixels.Directory,
                    ["imagesFromCache"] = pixels.Hits,
                    ["chunksWritten"] = pixels.ChunksWritten,
                },
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["imagesPerSecond"] = Math.Round(dataset.Images.Count / Math.Max(elapsed.TotalSeconds, 1e-9), 2),
                ["completedUtc"] = DateTime.UtcNow.ToString("O"),
                ["codeVersion"] = ExtractionManifest.CodeVersion,
                ["runKey"] = runKey,
            };
        });
        store.Delete();
        TryDeleteEmptyDirectory(Path.Combine(datasetDir, ".partial"));
        return new ExtractionResult(datasetDir, npyPath, metadataPath, manifestPath, rowCount, dim, skipped, resumedChunks, false, elapsed);
    }

    private static void CheckSameFileList(JsonObject? manifest, string fileListHash, string datasetDir)
    {
        var recorded = manifest?["fileListSha256"]?.GetValue<string>();
        if (recorded is not null && recorded != fileListHash)
            throw new FaceCompatException(
                $"The dataset's files changed since the embeddings in {datasetDir} were made (file list hash differs). " +
                "Extract into a new output folder, or delete that folder to start over.", UserHint.OutputFolder);
    }

    /// <summary>Everything the chunks depend on: change any of it and old chunks are not reused.</summary>
    private static string RunKey(ModelProvenance model, EmbedderShape shape, Preprocessing preprocessing, string fileListHash, ExtractionOptions options)
    {
        var key = JsonSerializer.Serialize(new
        {
            format = 1,
            model = model.ModelId,
            files = model.Files.Select(f => f.Name + ":" + f.Sha256).ToArray(),
            dim = shape.Dimension,
            input = $"{shape.InputWidth}x{shape.InputHeight}",
            preprocessing = preprocessing.Describe(),
            fileListHash,
            options.ChunkSize,
            options.BatchSize,
            options.MinimumSide,
        });
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    private static (int First, int Count) ChunkRange(int chunk, int chunkSize, int total)
    {
        var first = chunk * chunkSize;
        return (first, Math.Min(chunkSize, total - first));
    }

    internal static string SafeFileName(string modelId)
    {
        if (modelId.Length == 0 || modelId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || modelId.StartsWith('.'))
            throw new FaceCompatException($"Model id '{modelId}' cannot be a file name (use letters, digits, '-', '_', '.').");
        return modelId;
    }

    private static void TryDeleteEmptyDirectory(string dir)
    {
        try { if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir); }
        catch (IOException) { }
    }
}
