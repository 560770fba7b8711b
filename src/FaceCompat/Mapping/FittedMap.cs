using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// A fitted map: the preparation of both spaces plus what is done to each side. Source rows and
/// target rows are sent into one comparison space (for most maps the prepared target space itself)
/// where they are compared by cosine similarity. Saved as <c>map.json</c> plus <c>.npy</c> matrices
/// (see <see cref="Formula"/>), so any stack can apply it.
/// </summary>
public sealed class FittedMap
{
    public const string FileName = "map.json";
    public const string FormatName = "facecompat-map";
    public const int FormatVersion = 1;

    /// <summary>How a saved map is applied, written into every map.json.</summary>
    public const string Formula =
        "prep(x) = l2(x) if l2_normalize else x; then minus mean (if given); then, zero-pad: append zeros up to output_dimension, " +
        "pca: multiply by projection (input_dimension x output_dimension). " +
        "query = T_source(prep_source(x)), gallery = T_target(prep_target(y)) where T is identity: z, linear: z @ weights, " +
        "poly2-kernel: K(z, train_rows) @ dual_coefficients with K(u, v) = 1 + u.v + ((u.v)^2 + (u*u).(v*v)) / 2. " +
        "Scores are cosine similarities between query and gallery rows. " +
        "Migration into the target model's own space (target transform identity): restore(q) = q[:input_dimension] " +
        "(zero-pad) or q @ reconstruction (pca), plus the target mean, then L2-normalised.";

    internal FittedMap(string name, IReadOnlyDictionary<string, string> parameters, Preparation preparation,
        MapHead sourceHead, MapHead targetHead, IReadOnlyDictionary<string, string>? notes = null,
        IReadOnlyDictionary<string, string>? provenance = null)
    {
        if (sourceHead.InputDimension != preparation.Source.OutputDimension)
            throw new ArgumentException($"Source transform takes {sourceHead.InputDimension} columns, the prepared source has {preparation.Source.OutputDimension}.");
        if (targetHead.InputDimension != preparation.Target.OutputDimension)
            throw new ArgumentException($"Target transform takes {targetHead.InputDimension} columns, the prepared target has {preparation.Target.OutputDimension}.");
        if (sourceHead.OutputDimension != targetHead.OutputDimension)
            throw new ArgumentException($"Transforms disagree on the comparison dimension: {sourceHead.OutputDimension} vs {targetHead.OutputDimension}.");
        Name = name;
        Parameters = parameters;
        Preparation = preparation;
        SourceHead = sourceHead;
        TargetHead = targetHead;
        Notes = notes ?? new Dictionary<string, string>();
        Provenance = provenance ?? new Dictionary<string, string>();
    }

    /// <summary>How the map was made (models, embeddings folder, split, seed...), saved with it.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; }

    /// <summary>The same map with provenance attached.</summary>
    public FittedMap WithProvenance(IReadOnlyDictionary<string, string> provenance) =>
        new(Name, Parameters, Preparation, SourceHead, TargetHead, Notes, provenance);

    /// <summary>The map's canonical name (e.g. "ridge").</summary>
    public string Name { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Name and parameters as one string, e.g. "ridge:alpha=0.1" (the form MapSpec.Parse reads).</summary>
    public string Spec => MapSpecText.Format(Name, Parameters);

    internal Preparation Preparation { get; }
    internal MapHead SourceHead { get; }
    internal MapHead TargetHead { get; }

    /// <summary>Facts about the fit (solver route, condition, canonical correlations...), saved with the map.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; }

    public int SourceDimension => Preparation.Source.InputDimension;
    public int TargetDimension => Preparation.Target.InputDimension;

    /// <summary>Raw source rows into the comparison space (queries).</summary>
    internal Matrix TransformSource(Matrix sourceRows) => SourceHead.Apply(Preparation.Source.Apply(sourceRows));

    /// <summary>Raw target rows into the comparison space (gallery).</summary>
    internal Matrix TransformTarget(IRowSource targetRows) => TargetHead.Apply(Preparation.Target.Apply(targetRows));

    /// <summary>The same without the comparison space's zero padding where the target side is left as prepared: the
    /// gallery's leading columns (every other column of it is zero).</summary>
    internal Matrix TransformTargetUnpadded(IRowSource targetRows) =>
        TargetHead is IdentityHead ? Preparation.Target.ApplyActive(targetRows) : TransformTarget(targetRows);

    /// <summary>Whether the comparison space is the target model's space, so source rows can be carried into it.</summary>
    public bool CanMigrate => TargetHead is IdentityHead;

    /// <summary>Refuses a map that cannot carry rows into the target model's space (<see cref="CanMigrate"/>).</summary>
    internal void RequireMigration()
    {
        if (!CanMigrate)
            throw new FaceCompatException($"map '{Name}' compares both models in a shared space of its own; it cannot carry rows into the target model's space.");
    }

    /// <summary>
    /// Gallery migration: raw source rows carried into the target model's own coordinates
    /// (comparison space restored to the target's dimension, target mean added back), L2-normalised.
    /// </summary>
    internal Matrix MigrateToTarget(Matrix sourceRows)
    {
        RequireMigration();
        var restored = Preparation.Target.Restore(TransformSource(sourceRows));
        return SpacePreparation.NormalizeRows(restored, "migrated rows");
    }

    /// <summary>
    /// Gallery migration of <paramref name="count"/> row-major source-model rows: the same rows in the target
    /// model's space, row-major and L2-normalised (see <see cref="CanMigrate"/>).
    /// </summary>
    public float[] MigrateToTarget(ReadOnlySpan<float> sourceRows, int count)
    {
        if (count <= 0 || sourceRows.Length != (long)count * SourceDimension)
            throw new FaceCompatException($"{sourceRows.Length} values are not {count} rows of the map's source dimension {SourceDimension}; " +
                "migrate embeddings of the model the map was fitted from.");
        EmbeddingChecks.RequireUsableRows(sourceRows, count, SourceDimension, "rows to migrate");
        return MigrateToTarget(Matrix.FromFloats(sourceRows, count, SourceDimension)).ToFloats();
    }

    /// <summary>Gallery migration of a whole set: same records, rows in the target model's space.</summary>
    public EmbeddingSet MigrateToTarget(EmbeddingSet sourceRows) =>
        new(MigrateToTarget(sourceRows.Vectors, sourceRows.Count), sourceRows.Count, TargetDimension, sourceRows.Records);

    /// <summary>
    /// Writes the map folder (map.json + .npy files) atomically: a complete folder or none.
    /// <paramref name="writeExtras"/> may add files (e.g. the split used) to the folder before it appears.
    /// </summary>
    public void Save(string directory, Action<string>? writeExtras = null)
    {
        var full = Path.GetFullPath(directory);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, FileName)))
            throw new FaceCompatException($"{full}: exists and is not a map folder; refusing to overwrite it.");
        var parent = Path.GetDirectoryName(full)!;
        // Stryker disable once Statement : creating the temporary folder below creates its parents too
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            var json = new JsonObject
            {
                ["format"] = FormatName,
                ["format_version"] = FormatVersion,
                ["map"] = Name,
                ["spec"] = Spec,
                ["parameters"] = ToJson(Parameters),
                ["preparation"] = SavePreparation(temp),
                ["source_transform"] = SourceHead.Save(temp, "source"),
                ["target_transform"] = TargetHead.Save(temp, "target"),
                ["notes"] = ToJson(Notes),
                ["provenance"] = ToJson(Provenance),
                ["formula"] = Formula,
            };
            writeExtras?.Invoke(temp);
            File.WriteAllText(Path.Combine(temp, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (Directory.Exists(full))
            {
                var old = temp + ".old";
                Directory.Move(full, old);
                Directory.Move(temp, full);
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(temp, full);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    public static FittedMap Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        var file = Path.Combine(full, FileName);
        if (!File.Exists(file)) throw new FaceCompatException($"{full}: not a map folder (no {FileName}).");
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                ?? throw new FaceCompatException($"{file}: not a JSON object.");
            if ((string?)json["format"] != FormatName)
                throw new FaceCompatException($"{file}: not a FaceCompat map (format '{json["format"]}').");
            if ((int?)json["format_version"] != FormatVersion)
                throw new FaceCompatException($"{file}: unsupported map format version {json["format_version"]}.");
            var preparation = LoadPreparation((JsonObject)json["preparation"]!, full);
            return new FittedMap(
                (string)json["map"]!,
                FromJson(json["parameters"] as JsonObject),
                preparation,
                MapHead.Load((JsonObject)json["source_transform"]!, full, file),
                MapHead.Load((JsonObject)json["target_transform"]!, full, file),
                FromJson(json["notes"] as JsonObject),
                FromJson(json["provenance"] as JsonObject));
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FaceCompatException($"{file}: corrupt map description ({ex.Message}).", ex);
        }
    }

    private JsonObject SavePreparation(string directory)
    {
        var o = Preparation.Options;
        return new JsonObject
        {
            ["description"] = o.ToString(),
            ["l2_normalize"] = o.L2Normalize,
            ["center"] = o.Center,
            ["alignment"] = o.Matching == DimensionMatching.ZeroPad ? "zero-pad" : "pca", // the file format's name for the matching
            ["pca_dimension"] = o.PcaDimension,
            ["whiten"] = o.Whiten,
            ["source"] = SaveSpace(Preparation.Source, directory, "source"),
            ["target"] = SaveSpace(Preparation.Target, directory, "target"),
        };
    }

    private static JsonObject SaveSpace(SpacePreparation space, string directory, string prefix)
    {
        var json = new JsonObject
        {
            ["input_dimension"] = space.InputDimension,
            ["output_dimension"] = space.OutputDimension,
            ["l2_normalize"] = space.L2Normalize,
        };
        if (space.Mean is not null)
        {
            var file = prefix + "_mean.npy";
            NpyWriter.WriteFloat64(Path.Combine(directory, file), space.Mean, 1, space.Mean.Length);
            json["mean"] = file;
        }
        if (space.Projection is not null)
        {
            NpyWriter.WriteMatrix(Path.Combine(directory, prefix + "_projection.npy"), space.Projection);
            NpyWriter.WriteMatrix(Path.Combine(directory, prefix + "_reconstruction.npy"), space.Reconstruction!);
            json["projection"] = prefix + "_projection.npy";
            json["reconstruction"] = prefix + "_reconstruction.npy";
        }
        return json;
    }

    private static Preparation LoadPreparation(JsonObject json, string directory)
    {
        var options = new PreparationOptions
        {
            L2Normalize = (bool)json["l2_normalize"]!,
            Center = (bool)json["center"]!,
            Matching = (string?)json["alignment"] switch
            {
                "zero-pad" => DimensionMatching.ZeroPad,
                "pca" => DimensionMatching.Pca,
                var other => throw new FaceCompatException($"{directory}: unknown alignment '{other}'."),
            },
            PcaDimension = (int?)json["pca_dimension"],
            Whiten = (bool?)json["whiten"] ?? false,
        };
        return new Preparation(options, LoadSpace((JsonObject)json["source"]!, directory), LoadSpace((JsonObject)json["target"]!, directory));
    }

    private static SpacePreparation LoadSpace(JsonObject json, string directory)
    {
        var input = (int)json["input_dimension"]!;
        var output = (int)json["output_dimension"]!;
        var mean = json["mean"] is { } m ? MapFiles.ReadVector(directory, (string)m!, input) : null;
        Matrix? projection = null, reconstruction = null;
        if (json["projection"] is { } p)
        {
            projection = MapFiles.ReadMatrix(directory, (string)p!);
            reconstruction = MapFiles.ReadMatrix(directory, (string)json["reconstruction"]!);
            if (projection.Rows != input || projection.Cols != output || reconstruction.Rows != output || reconstruction.Cols != input)
                throw new FaceCompatException($"{directory}: PCA matrices do not match dimensions {input} -> {output}.");
        }
        else if (output < input)
            throw new FaceCompatException($"{directory}: zero padding cannot shrink {input} to {output} dimensions.");
        return new SpacePreparation(input, output, (bool)json["l2_normalize"]!, mean, projection, reconstruction);
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }

    private static IReadOnlyDictionary<string, string> FromJson(JsonObject? json) =>
        json is null ? new Dictionary<string, string>()
            : json.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);

    // Stryker disable once String : .NET formats a double as its shortest round-trip text with or without "R"
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
