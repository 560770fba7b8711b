using System.Text.Json;
using System.Text.Json.Nodes;
using FaceCompat.Infrastructure;

namespace FaceCompat.Alignment;

/// <summary>One image's landmark-stage outcome: its landmarks, or why it has none.</summary>
internal sealed record LandmarkEntry(string Path, FaceLandmarks? Landmarks, string? Reason, long Bytes = -1);

/// <summary>
/// The landmarks of every image of a dataset, as computed once by <see cref="LandmarkCache"/>, with the
/// key they were computed under (file list hash + detector and mesh file hashes).
/// </summary>
internal sealed class LandmarkSet
{
    private readonly Dictionary<string, LandmarkEntry> _byPath;

    public LandmarkSet(string key, string datasetName, IReadOnlyList<LandmarkEntry> entries, string file = "", string modelsKey = "", string root = "",
        Aligner aligner = AlignerNames.Default)
    {
        Aligner = aligner;
        ModelsKey = modelsKey;
        Root = root;
        Key = key;
        DatasetName = datasetName;
        Entries = entries;
        File = file;
        _byPath = new Dictionary<string, LandmarkEntry>(StringComparer.Ordinal);
        foreach (var e in entries) _byPath[e.Path] = e;
    }

    public string Key { get; }
    /// <summary>The landmark stage that made the set.</summary>
    public Aligner Aligner { get; }
    /// <summary>The detector and mesh part of the key: sets with the same one can share entries of the same files.</summary>
    public string ModelsKey { get; }
    /// <summary>The dataset root the paths are relative to.</summary>
    public string Root { get; }
    public string DatasetName { get; }
    public IReadOnlyList<LandmarkEntry> Entries { get; }
    /// <summary>The cache file this set was read from or written to ("" when in memory only).</summary>
    public string File { get; }

    public LandmarkEntry? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath);

    public int Found => Entries.Count(e => e.Landmarks is not null);
    public int FromMesh => Entries.Count(e => e.Landmarks?.Source == LandmarkSource.Mesh);

    /// <summary>
    /// The mean position of the five mesh points inside the face crop (0..1 of its side), over the images
    /// whose points came from the mesh: where those points sit in the crop @vladmandic/human gives its
    /// recognition models. Null when no such image.
    /// </summary>
    public float[]? MeanPointsInCrop()
    {
        var sum = new double[10];
        var n = 0;
        foreach (var e in Entries)
        {
            if (e.Landmarks is not { Source: LandmarkSource.Mesh, CropBox: { } box } l) continue;
            var side = box[2] - box[0];
            if (side <= 0) continue;
            for (var i = 0; i < 5; i++)
            {
                sum[2 * i] += (l.Points[2 * i] - box[0]) / side;
                sum[2 * i + 1] += (l.Points[2 * i + 1] - box[1]) / side;
            }
            n++;
        }
        return n == 0 ? null : sum.Select(v => (float)(v / n)).ToArray();
    }

    public string ToJson()
    {
        var images = new JsonArray();
        foreach (var e in Entries)
        {
            var node = new JsonObject { ["path"] = e.Path, ["bytes"] = e.Bytes };
            if (e.Landmarks is { } l)
            {
                node["source"] = SourceName(l.Source);
                node["detectorScore"] = Math.Round(l.DetectorScore, 5);
                node["meshScore"] = float.IsFinite(l.MeshScore) ? Math.Round(l.MeshScore, 5) : null;
                node["points"] = new JsonArray(l.Points.Select(p => (JsonNode)Math.Round(p, 3)).ToArray());
                if (l.CropBox is { } box) node["cropBox"] = new JsonArray(box.Select(p => (JsonNode)Math.Round(p, 3)).ToArray());
            }
            else node["reason"] = e.Reason;
            images.Add(node);
        }
        var root = new JsonObject { ["format"] = 1, ["aligner"] = AlignerNames.Name(Aligner), ["key"] = Key, ["modelsKey"] = ModelsKey, ["root"] = Root, ["dataset"] = DatasetName, ["images"] = images };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n";
    }

    private static string SourceName(LandmarkSource source) => source switch
    {
        LandmarkSource.Mesh => "mesh",
        LandmarkSource.Detector => "detector",
        LandmarkSource.Mtcnn => "mtcnn",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    private static LandmarkSource ParseSource(string name) => name switch
    {
        "mesh" => LandmarkSource.Mesh,
        "detector" => LandmarkSource.Detector,
        "mtcnn" => LandmarkSource.Mtcnn,
        _ => throw new FormatException($"unknown landmark source '{name}'"),
    };

    public static LandmarkSet FromJson(string json, string file)
    {
        try
        {
            var root = JsonNode.Parse(json)!.AsObject();
            var entries = new List<LandmarkEntry>();
            foreach (var node in root["images"]!.AsArray())
            {
                var path = node!["path"]!.GetValue<string>();
                var bytes = node["bytes"]?.GetValue<long>() ?? -1;
                if (node["points"] is JsonArray points)
                {
                    var source = ParseSource(node["source"]!.GetValue<string>());
                    var meshScore = node["meshScore"] is { } m ? m.GetValue<float>() : float.NaN;
                    entries.Add(new LandmarkEntry(path, new FaceLandmarks(source, points.Select(p => p!.GetValue<float>()).ToArray(),
                        node["detectorScore"]!.GetValue<float>(), meshScore,
                        (node["cropBox"] as JsonArray)?.Select(p => p!.GetValue<float>()).ToArray()), null, bytes));
                }
                else entries.Add(new LandmarkEntry(path, null, node["reason"]?.GetValue<string>() ?? "no face found", bytes));
            }
            return new LandmarkSet(root["key"]!.GetValue<string>(), root["dataset"]!.GetValue<string>(), entries, file,
                root["modelsKey"]?.GetValue<string>() ?? "", root["root"]?.GetValue<string>() ?? "",
                root["aligner"] is { } aligner ? AlignerNames.Parse(aligner.GetValue<string>()) : Aligner.Mesh);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new FaceCompatException($"Landmark cache {file} is unreadable ({ex.Message}); delete it to recompute.", ex);
        }
    }
}
