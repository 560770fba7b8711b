using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;

namespace FaceCompat.IntegrationTests;

/// <summary>
/// A built-in model's verified source files, fetched into the cache (FACECOMPAT_CACHE) by the
/// project's own fetcher when missing. A model that cannot be had fails the test loudly.
/// </summary>
internal static class ModelFiles
{
    private static readonly object Gate = new();

    /// <summary>Card source path -> verified local path.</summary>
    public static IReadOnlyDictionary<string, string> Require(string modelId, out ModelCard card)
    {
        card = ModelCatalog.Get(modelId);
        var store = new ModelStore();
        lock (Gate)
        {
            try
            {
                new ModelFetcher(store).Fetch(card);
                return store.RequireVerified(card);
            }
            catch (Exception e)
            {
                var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                throw new InvalidOperationException(
                    $"Model '{modelId}' could not be fetched into {store.CacheRoot}{(ci ? " (CI=true: real models are required)" : "")}: {e.Message}", e);
            }
        }
    }

    /// <summary>The local path of the card's entry file (model.json or weights manifest).</summary>
    public static string Entry(string modelId)
    {
        var files = Require(modelId, out var card);
        return files[card.Source.Entry];
    }
}
