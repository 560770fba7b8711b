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
/// same rows, and a mismatch with an existing metadata.csv is refused rather than written. When the dataset's files
/// changed since the model was extracted, only the new or changed images are extracted (<see cref="ExtractionPlan"/>)
/// and the other models' embeddings, which no longer match the new rows, are set aside (<see cref="SetAsideExtractions"/>).
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
        var plan = Plan(dataset, target, options);
        var work = plan.ToExtract;
        var datasetDir = target.DatasetDir;

        var chunkKey = ExtractionKeys.RunKey(model, target.Shape, target.Preprocessing, plan.ToExtractFiles.Sha256, options);
        using var store = new ChunkStore(Path.Combine(datasetDir, ".partial", SafeFileName(model.ModelId)), chunkKey);
        var total = work.Images.Count;
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
            ? PixelStore.Open(work, target.Preprocessing.Images, options.MinimumSide, pixelCache)
            : null;
        var timing = new TimingCounters { Setup = clock.Elapsed };
        var runBefore = modelRuns?.Elapsed ?? TimeSpan.Zero;
        try
        {
            await ExtractChunksAsync(work, embedder, target.Preprocessing, options, store, chunks, pending, resumedImages, pixels, progress, timing, cancellation)
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
        var result = Finish(dataset, plan, target, model, options, store, chunks, resumedChunks, pixels, clock);
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
        var target = Locate(dataset, shape, model, options);
        if (Reuse(target, options, Stopwatch.StartNew()) is { } done) return done;
        // A run that cannot go ahead says so before the model is loaded.
        Plan(dataset, target, options);
        return null;
    }

    /// <summary>Where one model's extraction of a dataset goes, and the keys its chunks and manifest entry carry.</summary>
    private sealed record Target(string ModelId, string DatasetDir, string NpyPath, string MetadataPath, string ManifestPath,
        Preprocessing Preprocessing, FileList Files, string RunKey, string RowKey, JsonObject? Manifest, EmbedderShape Shape);

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
        var files = FileList.Of(dataset);
        return new Target(model.ModelId, datasetDir, Path.Combine(datasetDir, SafeFileName(model.ModelId) + ".npy"), Path.Combine(datasetDir, "metadata.csv"),
            Path.Combine(datasetDir, ExtractionManifest.FileName), preprocessing, files,
            ExtractionKeys.RunKey(model, shape, preprocessing, files.Sha256, options), ExtractionKeys.RowKey(model, shape, preprocessing, options),
            ExtractionManifest.Read(datasetDir), shape);
    }

    /// <summary>
    /// What this run extracts. Unless <see cref="ExtractionOptions.Force"/> asks for everything, a run builds on the
    /// model's earlier extraction (in the folder, else set aside) when the dataset's files changed since it was made
    /// and its rows depend on nothing else that changed. An earlier extraction made before the per-image record was
    /// kept cannot be built on, and the run stops rather than redo all of its work unasked.
    /// </summary>
    private static ExtractionPlan Plan(ImageDataset dataset, Target target, ExtractionOptions options)
    {
        if (options.Force) return ExtractionPlan.Full(dataset, target.Files);
        var earlier = EarlierExtraction.Find(target.DatasetDir, target.Manifest, target.ModelId);
        // The folder's own extraction of these very files was not reused as it is (another batch or chunk size, or row key): all again.
        if (earlier is null || (earlier.FileListSha256 == target.Files.Sha256 && earlier.Folder == target.DatasetDir))
            return ExtractionPlan.Full(dataset, target.Files);
        if (!earlier.HasPerImageRecord)
            throw new FaceCompatException(
                $"The dataset's files changed since {target.ModelId} was extracted into {earlier.Folder}, and that extraction was made before " +
                $"extractions recorded each image ({FileList.FileName}), so this run cannot tell which of its rows still hold. " +
                $"Redo the whole extraction of {target.ModelId}.", UserHint.Replace);
        return earlier.RowKey == target.RowKey ? ExtractionPlan.Incremental(dataset, target.Files, earlier) : ExtractionPlan.Full(dataset, target.Files);
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
        return new ExtractionResult(target.DatasetDir, target.NpyPath, target.MetadataPath, target.ManifestPath, rows, target.Shape.Dimension,
            skippedBefore, 0, true, clock.Elapsed) { StaleModels = SetAsideExtractions.Models(target.DatasetDir) };
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

    private static ExtractionResult Finish(ImageDataset dataset, ExtractionPlan plan, Target target, ModelProvenance model, ExtractionOptions options,
        ChunkStore store, ChunkIndex?[] chunks, int resumedChunks, PixelStore? pixels, Stopwatch clock)
    {
        var dim = target.Shape.Dimension;
        var extractedSkips = new Dictionary<int, string>();
        var extractedRows = 0;
        foreach (var chunk in chunks)
        {
            extractedRows += chunk!.Rows;
            foreach (var s in chunk.Skipped) extractedSkips[s.Index] = s.Reason;
        }
        var extracted = new float[extractedRows * dim];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            store.ReadRows(chunk!, extracted.AsSpan(offset, chunk!.Rows * dim));
            offset += chunk.Rows * dim;
        }
        var (vectors, rows, skipped) = plan.Assemble(dataset, extracted, extractedSkips, dim);
        if (rows.Count == 0)
        {
            // Nothing to write: an empty .npy would look like a finished extraction. The chunks stay for a rerun.
            var examples = string.Join("; ", skipped.Take(3).Select(s => $"{s.Path}: {s.Reason}"));
            throw new FaceCompatException($"None of the {dataset.Images.Count} images of {dataset.Name} gave an embedding ({examples}); nothing was written.");
        }

        var metadata = MetadataCsv.Format(rows.Select((r, i) => new EmbeddingRecord(i, r.RelativePath, r.Identity)).ToList());
        var update = plan.Earlier is null ? null : new IncrementalUpdate(plan.Reused, plan.ToExtract.Images.Count, plan.Removed);
        var (datasetDir, npyPath, metadataPath) = (target.DatasetDir, target.NpyPath, target.MetadataPath);
        var elapsed = clock.Elapsed;
        ExtractionManifest.Update(datasetDir, m =>
        {
            // Under the manifest's lock, against the folder as it is now: when the dataset's files changed since the
            // folder's rows were made, every model's .npy is set aside before metadata.csv changes under it.
            var folderFiles = m["fileListSha256"]?.GetValue<string>();
            if (folderFiles is not null && folderFiles != target.Files.Sha256) SetAsideExtractions.SetAsideAll(datasetDir, m);
            else if (File.Exists(metadataPath) && File.ReadAllText(metadataPath) != metadata)
                throw new FaceCompatException(
                    $"{metadataPath} from an earlier extraction lists other rows than this one (the images or their readability changed). " +
                    "Extract into a new output folder, or delete the dataset folder to start over.", UserHint.OutputFolder);
            if (!File.Exists(metadataPath) || File.ReadAllText(metadataPath) != metadata) AtomicFile.WriteAllText(metadataPath, metadata);
            target.Files.Write(datasetDir);
            AtomicFile.Write(npyPath, stream => NpyWriter.WriteFloat32(stream, vectors, rows.Count, dim));

            m["dataset"] = dataset.Name;
            m["root"] = dataset.Root;
            m["fileListSha256"] = target.Files.Sha256;
            m["images"] = dataset.Images.Count;
            m["rows"] = rows.Count;
            m["metadata"] = new JsonObject { ["file"] = "metadata.csv", ["sha256"] = ModelProvenance.Sha256Of(metadataPath) };
            m["skipped"] = new JsonArray(skipped.Select(s => (JsonNode)new JsonObject { ["path"] = s.Path, ["reason"] = s.Reason }).ToArray());
            m["listingProblems"] = new JsonArray(dataset.Problems.Select(p => (JsonNode)new JsonObject { ["path"] = p.RelativePath, ["reason"] = p.Reason }).ToArray());
            var models = m["models"] as JsonObject ?? new JsonObject();
            m["models"] = models;
            models[model.ModelId] = new JsonObject
            {
                ["modelId"] = model.ModelId,
                ["modelFiles"] = new JsonArray(model.Files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["sha256"] = f.Sha256 }).ToArray()),
                ["dimension"] = dim,
                ["input"] = $"{target.Shape.InputWidth}x{target.Shape.InputHeight}",
                ["preprocessing"] = target.Preprocessing.Describe(),
                ["preprocess"] = target.Preprocessing.Mode,
                ["alignment"] = (target.Preprocessing.Images as Alignment.AlignPreprocessor)?.ManifestNode(),
                ["minimumSide"] = options.MinimumSide,
                ["embeddings"] = new JsonObject { ["file"] = Path.GetFileName(npyPath), ["sha256"] = ModelProvenance.Sha256Of(npyPath), ["rows"] = rows.Count },
                ["batchSize"] = options.BatchSize,
                ["decodeThreads"] = options.DecodeThreads,
                ["chunkSize"] = options.ChunkSize,
                ["resumedChunks"] = resumedChunks,
                ["incremental"] = update is null ? null : new JsonObject
                {
                    ["from"] = Path.GetRelativePath(datasetDir, plan.Earlier!.Folder),
                    ["reusedImages"] = update.ReusedImages,
                    ["extractedImages"] = update.ExtractedImages,
                    ["removedImages"] = update.RemovedImages,
                },
                ["pixelCache"] = pixels is null ? null : new JsonObject
                {
                    ["folder"] = pixels.Directory,
                    ["imagesFromCache"] = pixels.Hits,
                    ["chunksWritten"] = pixels.ChunksWritten,
                },
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["imagesPerSecond"] = Math.Round(plan.ToExtract.Images.Count / Math.Max(elapsed.TotalSeconds, 1e-9), 2),
                ["completedUtc"] = DateTime.UtcNow.ToString("O"),
                ["codeVersion"] = ExtractionManifest.CodeVersion,
                ["runKey"] = target.RunKey,
                ["rowKey"] = target.RowKey,
            };
        });
        // Only once the manifest records the new rows: until then a stopped run still finds what it built on.
        SetAsideExtractions.Remove(datasetDir, model.ModelId);
        store.Delete();
        TryDeleteEmptyDirectory(Path.Combine(datasetDir, ".partial"));
        return new ExtractionResult(datasetDir, npyPath, metadataPath, target.ManifestPath, rows.Count, dim, skipped, resumedChunks, false, elapsed)
        {
            Update = update,
            StaleModels = SetAsideExtractions.Models(datasetDir),
        };
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
