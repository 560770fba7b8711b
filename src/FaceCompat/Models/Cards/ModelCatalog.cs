using System.Reflection;
using FaceCompat.Infrastructure;

namespace FaceCompat.Models.Cards;

/// <summary>
/// The built-in model cards (YAML embedded in the library) plus any user card given by file path.
/// </summary>
public static class ModelCatalog
{
    private const string ResourcePrefix = "FaceCompat.Models.Cards.BuiltIn.";
    private static readonly Lazy<IReadOnlyList<ModelCard>> Cards = new(LoadBuiltIns);

    /// <summary>The built-in embedding-model cards in a stable order (by id).</summary>
    public static IReadOnlyList<ModelCard> BuiltIn => Cards.Value.Where(c => c.Role == ModelRole.Embedding).ToList();

    /// <summary>The built-in detector and landmark models of the alignment stage (not part of any study).</summary>
    public static IReadOnlyList<ModelCard> AlignmentModels => Cards.Value.Where(c => c.Role != ModelRole.Embedding).ToList();

    /// <summary>The ids of the built-in models whose embeddings are usable (the default study's models).</summary>
    public static IReadOnlyList<string> UsableIds => BuiltIn.Where(c => c.Usable).Select(c => c.Id).ToList();

    /// <summary>
    /// The usable built-in ids grouped by family card name (face-identity, face-attribute,
    /// generic-vision, in that order; a family with no usable model is left out); ids in catalog order within.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Families =>
        ModelFamilies.All
            .Select(f => new KeyValuePair<string, IReadOnlyList<string>>(ModelFamilies.Name(f), BuiltIn.Where(c => c.Usable && c.Family == f).Select(c => c.Id).ToList()))
            .Where(kv => kv.Value.Count > 0)
            .ToList();

    /// <summary>The family card name of a built-in model or card path (see <see cref="ModelCard.FamilyName"/>).</summary>
    public static string FamilyOf(string idOrPath) => Get(idOrPath).FamilyName;

    /// <summary>
    /// A built-in card by id, or a user card when <paramref name="idOrPath"/> names a YAML file
    /// (ends in .yaml/.yml or exists on disk).
    /// </summary>
    public static ModelCard Get(string idOrPath)
    {
        var found = Cards.Value.FirstOrDefault(c => string.Equals(c.Id, idOrPath, StringComparison.OrdinalIgnoreCase));
        if (found is not null) return found;
        if (idOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || idOrPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(idOrPath))
            return ModelCardReader.ReadFile(idOrPath);
        throw new FaceCompatException($"Unknown model '{idOrPath}'. Built-in models: {string.Join(", ", BuiltIn.Select(c => c.Id))}; or give the path of a model card (.yaml).");
    }

    /// <summary>
    /// Resolves "all" to every built-in embedding card (and the alignment stage's detector and
    /// landmark cards too when <paramref name="withAlignmentModels"/>), else each id or card path.
    /// </summary>
    public static IReadOnlyList<ModelCard> Resolve(IEnumerable<string> idsOrPaths, bool withAlignmentModels = false)
    {
        var list = idsOrPaths.ToList();
        if (list.Count == 0 || list.Any(x => string.Equals(x, "all", StringComparison.OrdinalIgnoreCase)))
            return withAlignmentModels ? [.. BuiltIn, .. AlignmentModels] : BuiltIn;
        return list.Select(Get).DistinctBy(c => c.Id).ToList();
    }

    private static IReadOnlyList<ModelCard> LoadBuiltIns()
    {
        var assembly = typeof(ModelCatalog).Assembly;
        var cards = new List<ModelCard>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            cards.Add(ModelCardReader.Parse(reader.ReadToEnd(), "built-in"));
        }
        return cards;
    }
}
