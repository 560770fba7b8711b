namespace FaceCompat.Extraction;

/// <summary>One file a model is made of, with its SHA-256.</summary>
public sealed record ModelFile(string Name, string Sha256);

/// <summary>What identifies a model's weights in a manifest: its id and the hashes of its files.</summary>
public sealed record ModelProvenance(string ModelId, IReadOnlyList<ModelFile> Files)
{
    /// <summary>Hashes the given files (e.g. the ONNX file the embedder runs).</summary>
    public static ModelProvenance FromFiles(string modelId, IEnumerable<string> paths) =>
        new(modelId, paths.Select(p => new ModelFile(Path.GetFileName(p), Sha256Of(p))).ToList());

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
