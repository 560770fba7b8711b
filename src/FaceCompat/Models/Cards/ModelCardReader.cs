using FaceCompat.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace FaceCompat.Models.Cards;

/// <summary>Parses and validates a model card written in YAML; every problem is one clear message.</summary>
internal static class ModelCardReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ModelCard ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"Model card not found: {path}");
        return Parse(File.ReadAllText(path), Path.GetFullPath(path));
    }

    /// <param name="origin">"built-in" or the card's full path (relative source paths resolve against its folder).</param>
    public static ModelCard Parse(string yaml, string origin)
    {
        CardYaml? raw;
        try
        {
            raw = Yaml.Deserialize<CardYaml>(yaml);
        }
        catch (YamlException ex)
        {
            throw new FaceCompatException($"Model card {origin}: invalid YAML at line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}");
        }
        if (raw is null) throw new FaceCompatException($"Model card {origin} is empty.");
        var where = $"Model card {raw.Id ?? origin}";
        string Need(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new FaceCompatException($"{where}: '{field}' is missing.") : value.Trim();

        var id = Need(raw.Id, "id");
        if (!IsValidId(id)) throw new FaceCompatException($"{where}: id '{id}' may hold only letters, digits, '-', '_' and '.'.");
        var source = raw.Source ?? throw new FaceCompatException($"{where}: 'source' is missing.");
        var input = raw.Input ?? throw new FaceCompatException($"{where}: 'input' is missing.");
        var output = raw.Output ?? throw new FaceCompatException($"{where}: 'output' is missing.");

        var manager = ParseEnum<PackageManager>(Need(source.Manager, "source.manager"), "source.manager", where, ("npm", PackageManager.Npm), ("nuget", PackageManager.NuGet), ("file", PackageManager.File));
        if (source.Files is null || source.Files.Count == 0) throw new FaceCompatException($"{where}: 'source.files' lists no file.");
        var files = source.Files.Select(f => new SourceFile(Need(f.Path, "source.files[].path"), NormaliseSha(f.Sha256, where))).ToList();
        if (manager != PackageManager.File && files.Any(f => f.Sha256 is null))
            throw new FaceCompatException($"{where}: every file of a package source needs its sha256.");
        var entry = Need(source.Entry, "source.entry");
        if (!files.Any(f => f.Path == entry)) throw new FaceCompatException($"{where}: source.entry '{entry}' is not among source.files.");
        if (source.Prepend is not null && !files.Any(f => f.Path == source.Prepend))
            throw new FaceCompatException($"{where}: source.prepend '{source.Prepend}' is not among source.files.");

        var mean = input.Mean ?? [0f, 0f, 0f];
        var std = input.Std ?? [1f, 1f, 1f];
        if (mean.Count != 3 || std.Count != 3) throw new FaceCompatException($"{where}: input.mean and input.std need three values each.");
        if (std.Any(s => s == 0f)) throw new FaceCompatException($"{where}: input.std must not hold zero.");
        var width = input.Width ?? 0;
        var height = input.Height ?? 0;
        if (width <= 0 || height <= 0) throw new FaceCompatException($"{where}: input.width and input.height must be positive.");
        var dimension = output.Dimension ?? 0;
        if (dimension <= 0) throw new FaceCompatException($"{where}: output.dimension must be positive.");

        return new ModelCard
        {
            Id = id,
            Name = raw.Name?.Trim() ?? "",
            Family = ParseEnum<ModelFamily>(Need(raw.Family, "family"), "family", where, ("face-identity", ModelFamily.FaceIdentity), ("face-attribute", ModelFamily.FaceAttribute), ("generic-vision", ModelFamily.GenericVision)),
            Usable = raw.Usable ?? true,
            Note = raw.Note?.Trim() ?? "",
            Licence = raw.Licence?.Trim() ?? "",
            Format = ParseEnum<ModelFormat>(Need(raw.Format, "format"), "format", where, ("tfjs-graph", ModelFormat.TfjsGraph), ("faceapi-recognition", ModelFormat.FaceApiRecognition),
                ("faceapi-age-gender", ModelFormat.FaceApiAgeGender), ("faceapi-expression", ModelFormat.FaceApiExpression),
                ("faceapi-ssd-mobilenetv1", ModelFormat.FaceApiSsdMobilenetV1), ("onnx", ModelFormat.Onnx), ("tflite", ModelFormat.Tflite)),
            Source = new ModelSource
            {
                Manager = manager,
                Package = manager == PackageManager.File ? "" : Need(source.Package, "source.package"),
                Version = manager == PackageManager.File ? "" : Need(source.Version, "source.version"),
                Files = files,
                Entry = entry,
                Prepend = source.Prepend,
                SymbolicBatch = source.SymbolicBatch ?? false,
            },
            Input = new ModelInput
            {
                Name = Need(input.Name, "input.name"),
                Width = width,
                Height = height,
                Layout = ParseEnum<TensorLayout>(Need(input.Layout, "input.layout"), "input.layout", where, ("nhwc", TensorLayout.Nhwc), ("nchw", TensorLayout.Nchw)),
                Colour = ParseEnum<ColourOrder>(Need(input.Colour, "input.colour"), "input.colour", where, ("rgb", ColourOrder.Rgb), ("bgr", ColourOrder.Bgr), ("gray", ColourOrder.Gray)),
                Scale = input.Scale ?? 1f,
                Mean = mean,
                Std = std,
                GraphNormalises = input.GraphNormalises ?? false,
                ValueRange = input.Range?.Trim() ?? "",
                Evidence = input.Evidence?.Trim() ?? "",
            },
            Output = new ModelOutput
            {
                Name = Need(output.Name, "output.name"),
                Dimension = dimension,
                Pooling = ParseEnum<OutputPooling>(output.Pooling ?? "none", "output.pooling", where,
                    ("none", OutputPooling.None), ("mean-space-nchw", OutputPooling.MeanSpaceNchw), ("mean-space-nhwc", OutputPooling.MeanSpaceNhwc),
                    ("mean-tokens", OutputPooling.MeanTokens), ("cls", OutputPooling.ClsToken)),
                Extra = output.Extra?.Select(e => e.Trim()).ToList() ?? [],
            },
            Role = ParseEnum<ModelRole>(raw.Role ?? "embedding", "role", where,
                ("embedding", ModelRole.Embedding), ("detector", ModelRole.Detector), ("landmarks", ModelRole.Landmarks)),
            AlignTemplate = ParseTemplate(raw.AlignTemplate, where),
            ReferenceCrop = raw.ReferenceCrop ?? 0.6,
            Origin = origin,
        };
    }

    private static AlignmentTemplate? ParseTemplate(TemplateYaml? t, string where)
    {
        if (t is null) return null;
        if ((t.Width ?? 0) <= 0 || (t.Height ?? 0) <= 0) throw new FaceCompatException($"{where}: align_template.width and .height must be positive.");
        if (t.Points is not { Count: 10 }) throw new FaceCompatException($"{where}: align_template.points needs 10 numbers (x, y of left eye, right eye, nose tip, left and right mouth corner).");
        return new AlignmentTemplate(t.Width!.Value, t.Height!.Value, t.Points, t.Evidence?.Trim() ?? "");
    }

    internal static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && id[0] != '.';

    private static string? NormaliseSha(string? sha, string where)
    {
        if (string.IsNullOrWhiteSpace(sha)) return null;
        var s = sha.Trim().ToLowerInvariant();
        if (s.Length != 64 || !s.All(char.IsAsciiHexDigit)) throw new FaceCompatException($"{where}: '{sha}' is not a sha256 (64 hex digits).");
        return s;
    }

    private static T ParseEnum<T>(string value, string field, string where, params (string Name, T Value)[] names)
    {
        foreach (var (name, v) in names)
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return v;
        throw new FaceCompatException($"{where}: {field} '{value}' is not one of {string.Join(", ", names.Select(n => n.Name))}.");
    }
}
