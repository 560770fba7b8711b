namespace FaceCompat.Datasets;

/// <summary>
/// Restricts a dataset to some of its identities, for tests and quick runs: the first N identities in
/// ordinal order, or the identities named in a list. The subset's name goes into the output folder
/// name so a subset never overwrites the full dataset's embeddings.
/// </summary>
public sealed class IdentitySubset
{
    private readonly int? _first;
    private readonly HashSet<string>? _names;

    private IdentitySubset(int? first, HashSet<string>? names, string suffix)
    {
        _first = first;
        _names = names;
        Suffix = suffix;
    }

    /// <summary>Appended to the dataset name (e.g. "-first300").</summary>
    public string Suffix { get; }

    public static IdentitySubset First(int count)
    {
        if (count <= 0) throw new Infrastructure.FaceCompatException($"The identity limit must be positive (got {count}).");
        return new IdentitySubset(count, null, $"-first{count}");
    }

    public static IdentitySubset FromNames(IEnumerable<string> names)
    {
        var set = new HashSet<string>(names.Select(n => n.Trim()).Where(n => n.Length > 0), StringComparer.Ordinal);
        if (set.Count == 0) throw new Infrastructure.FaceCompatException("The identity list is empty.");
        var sorted = set.OrderBy(n => n, StringComparer.Ordinal);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", sorted))));
        return new IdentitySubset(null, set, $"-list{hash[..8]}");
    }

    /// <summary>Reads one identity per line (blank lines and '#' comments ignored).</summary>
    public static IdentitySubset FromFile(string path)
    {
        if (!File.Exists(path)) throw new Infrastructure.FaceCompatException($"Identity list not found: {path}");
        return FromNames(File.ReadLines(path).Where(l => !l.TrimStart().StartsWith('#')));
    }

    /// <summary>Keeps the chosen identities of an ordinally sorted identity list, preserving order.</summary>
    public IReadOnlyList<string> Select(IReadOnlyList<string> sortedIdentities)
    {
        if (_first is { } n) return sortedIdentities.Take(n).ToList();
        return sortedIdentities.Where(_names!.Contains).ToList();
    }
}
