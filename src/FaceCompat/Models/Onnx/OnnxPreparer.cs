using System.Security.Cryptography;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;

namespace FaceCompat.Models.Onnx;

/// <summary>
/// Produces the ONNX file a card runs, cached at <c>&lt;cache&gt;/onnx/&lt;id&gt;-&lt;key&gt;.onnx</c> where the
/// key is a sha256 prefix over the source files' hashes, the conversion settings and
/// <see cref="Version"/>; a changed source or converter gives a new file, the same ones reuse it.
/// A sidecar <c>.sha256</c> records the file's hash: a cached ONNX file that no longer matches it
/// (tampered or corrupt) is reported and made again (conversion is deterministic).
/// </summary>
internal sealed class OnnxPreparer(ModelStore store)
{
    /// <summary>Bump when a converter or graph edit changes its output for the same sources.</summary>
    public const string Version = "2";

    public ModelStore Store { get; } = store;

    /// <summary>The cached ONNX path for <paramref name="card"/>, converting it first when needed.</summary>
    /// <param name="files">Card source path -> verified local path (from <see cref="ModelStore.RequireVerified"/>).</param>
    public string Prepare(ModelCard card, IReadOnlyDictionary<string, string> files, Action<string>? progress = null)
    {
        var path = CachePath(card, files);
        var sidecar = path + ".sha256";
        if (File.Exists(path) && File.Exists(sidecar))
        {
            var recorded = File.ReadAllText(sidecar).Trim();
            var actual = FileHash.Sha256(path);
            if (actual == recorded) return path;
            progress?.Invoke($"{path} fails its sha256 check (expected {recorded}, found {actual}); converting {card.Id} again");
        }
        else
        {
            progress?.Invoke($"converting {card.Id} to ONNX");
        }
        var bytes = ModelConversion.ToOnnx(card, files);
        AtomicFile.WriteAllBytes(path, bytes);
        AtomicFile.WriteAllText(sidecar, Convert.ToHexStringLower(SHA256.HashData(bytes)) + "\n");
        return path;
    }

    public string CachePath(ModelCard card, IReadOnlyDictionary<string, string> files) =>
        Path.Combine(Store.OnnxRoot, $"{card.Id}-{Key(card, files)}.onnx");

    internal static string Key(ModelCard card, IReadOnlyDictionary<string, string> files)
    {
        var text = new StringBuilder();
        text.Append("preparer=").Append(Version).Append('\n');
        text.Append("format=").Append(card.Format).Append('\n');
        text.Append("output=").Append(card.Output.Name).Append('\n');
        if (card.Output.Extra.Count > 0) text.Append("extra=").Append(string.Join(",", card.Output.Extra)).Append('\n');
        text.Append("entry=").Append(card.Source.Entry).Append('\n');
        text.Append("prepend=").Append(card.Source.Prepend).Append('\n');
        text.Append("symbolic_batch=").Append(card.Source.SymbolicBatch).Append('\n');
        foreach (var file in card.Source.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            text.Append(file.Path).Append('=').Append(file.Sha256 ?? FileHash.Sha256(files[file.Path])).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
