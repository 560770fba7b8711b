using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;
using FaceCompat.Models.Onnx;

namespace FaceCompat.Models.Inference;

/// <summary>
/// One call from a model id (or card path) to a ready embedder: finds the card, fetches and verifies
/// the source files when they are missing or tampered, converts them to ONNX (cached) and opens an
/// <see cref="OnnxEmbedder"/>.
/// </summary>
public static class EmbedderFactory
{
    /// <param name="modelIdOrCardPath">A built-in id (e.g. "faceres") or the path of a model card (.yaml).</param>
    public static OnnxEmbedder Create(string modelIdOrCardPath, EmbedderOptions? options = null) =>
        Create(ModelCatalog.Get(modelIdOrCardPath), options);

    public static OnnxEmbedder Create(ModelCard card, EmbedderOptions? options = null)
    {
        options ??= new EmbedderOptions();
        var prepared = Prepare(card, options);
        return new OnnxEmbedder(card, prepared.OnnxPath, options);
    }

    /// <summary>Fetches (if allowed), verifies and converts, without opening a session.</summary>
    public static PreparedModel Prepare(ModelCard card, EmbedderOptions? options = null)
    {
        options ??= new EmbedderOptions();
        var (store, state) = VerifiedFiles(card, options);
        var files = state.ToDictionary(f => f.File.Path, f => f.LocalPath);
        var preparer = new OnnxPreparer(store);
        var onnxPath = preparer.Prepare(card, files, options.Progress);
        return new PreparedModel(card, onnxPath,
            state.ToDictionary(f => f.File.Path, f => (f.LocalPath, f.ActualSha256 ?? FileHash.Sha256(f.LocalPath))));
    }

    /// <summary>The card's source files in the cache, fetched first when missing and allowed; all verified.</summary>
    internal static (ModelStore Store, IReadOnlyList<CachedFile> State) VerifiedFiles(ModelCard card, EmbedderOptions options)
    {
        var store = new ModelStore(options.CacheRoot ?? FaceCompatPaths.CacheRoot);
        var state = store.Inspect(card);
        if (state.Any(f => f.State != CacheState.Valid))
        {
            if (!options.FetchIfMissing)
                throw new FaceCompatException($"Model {card.Id}: {ModelStore.Describe(state.Where(f => f.State != CacheState.Valid))}; fetch the model first.", UserHint.FetchModel, card.Id);
            var fetcher = new ModelFetcher(store, options.FromDirectory);
            if (options.Progress is { } progress) fetcher.Progress += progress;
            fetcher.Fetch(card);
            state = store.Inspect(card);
        }
        var bad = state.Where(f => f.State != CacheState.Valid).ToList();
        if (bad.Count > 0) throw new FaceCompatException($"Model {card.Id}: {ModelStore.Describe(bad)}.");
        return (store, state);
    }
}
