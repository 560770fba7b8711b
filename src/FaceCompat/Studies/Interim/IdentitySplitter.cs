using System.Text;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies.Interim;

/// <summary>
/// Identities into train/test: sorted ordinally, shuffled by Fisher-Yates with SplitMix64(seed), the
/// first round(ratio x count) are train. Stand-in for the Datasets splitter.
/// </summary>
internal static class IdentitySplitter
{
    public static HashSet<string> TrainIdentities(IEnumerable<string> identities, double trainRatio, int seed)
    {
        if (!(trainRatio > 0 && trainRatio < 1)) throw new FaceCompatException($"The train ratio must be between 0 and 1, got {trainRatio}.");
        var ids = identities.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
        var rng = new SplitMix64(unchecked((ulong)seed));
        for (var i = ids.Length - 1; i > 0; i--)
        {
            var j = rng.NextBelow(i + 1);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        var train = (int)Math.Round(trainRatio * ids.Length, MidpointRounding.AwayFromZero);
        return ids.Take(train).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reads <c>identity,subset</c>; every identity of the data must be listed.</summary>
    public static HashSet<string> Read(string path, IReadOnlyCollection<string> identities)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"Split file {path} does not exist.");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "identity,subset")
            throw new FaceCompatException($"{path} must start with the header identity,subset.");
        var train = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = Csv.Split(lines[i]);
            if (f.Count != 2 || f[1] is not ("train" or "test"))
                throw new FaceCompatException($"{path} line {i + 1}: expected identity,train|test.");
            seen.Add(f[0]);
            if (f[1] == "train") train.Add(f[0]);
        }
        var missing = identities.FirstOrDefault(id => !seen.Contains(id));
        if (missing is not null) throw new FaceCompatException($"{path} does not assign identity '{missing}'.");
        return train;
    }

    public static void Write(string path, IEnumerable<string> identities, HashSet<string> train)
    {
        var sb = new StringBuilder("identity,subset\n");
        foreach (var id in identities.Distinct().OrderBy(s => s, StringComparer.Ordinal))
            sb.Append(Csv.Escape(id)).Append(',').Append(train.Contains(id) ? "train" : "test").Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
