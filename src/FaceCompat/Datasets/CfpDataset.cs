using System.Globalization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>The two CFP verification protocols.</summary>
internal enum CfpProtocol
{
    /// <summary>Frontal-frontal.</summary>
    FF,

    /// <summary>Frontal-profile.</summary>
    FP,
}

/// <summary>
/// CFP under <c>&lt;data&gt;/cfp</c>: <c>Data/Images/&lt;001-500&gt;/{frontal,profile}/NN.jpg</c>, the 30-point
/// fiducials, and the FF/FP protocol. The identity of an image is its three-digit folder name; relative
/// paths are relative to the cfp folder (e.g. <c>Data/Images/001/frontal/01.jpg</c>). Images are used
/// as given (loose face crops of varying size, not aligned).
/// </summary>
internal static class CfpDataset
{
    public const string Name = "cfp";
    public const string FrontalName = "cfp-frontal";
    public const int FiducialPoints = 30;

    public static string RootUnder(string dataRoot) => Path.Combine(dataRoot, "cfp");

    /// <summary>All images: per identity (ordinal), frontal files then profile files (ordinal).</summary>
    public static ImageDataset Load(string dataRoot, IdentitySubset? subset = null)
    {
        var root = RequireRoot(dataRoot);
        var imagesDir = Path.Combine(root, "Data", "Images");
        var identities = Directory.GetDirectories(imagesDir).Select(Path.GetFileName).Select(n => n!).ToList();
        identities.Sort(StringComparer.Ordinal);
        var chosen = subset?.Select(identities) ?? identities;
        var images = new List<DatasetImage>();
        var problems = new List<ListingProblem>();
        foreach (var identity in chosen)
        {
            foreach (var view in new[] { "frontal", "profile" })
            {
                var dir = Path.Combine(imagesDir, identity, view);
                if (!Directory.Exists(dir)) { problems.Add(new ListingProblem($"Data/Images/{identity}/{view}", "missing folder")); continue; }
                string[] files;
                try { files = Directory.GetFiles(dir); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problems.Add(new ListingProblem($"Data/Images/{identity}/{view}", $"unreadable folder: {ex.Message}"));
                    continue;
                }
                Array.Sort(files, StringComparer.Ordinal);
                foreach (var file in files)
                    if (!Path.GetFileName(file).StartsWith('.'))
                        images.Add(new DatasetImage(ImageFolderDataset.Relative(root, file), identity, file));
            }
        }
        if (images.Count == 0) throw new FaceCompatException($"No CFP images found under {imagesDir}.");
        return new ImageDataset(Name + (subset?.Suffix ?? ""), root, images, referenceCrop: null, problems);
    }

    /// <summary>The frontal images only (10 per identity; the reference study's CFP set), named cfp-frontal.</summary>
    public static ImageDataset LoadFrontal(string dataRoot, IdentitySubset? subset = null)
    {
        var all = Load(dataRoot, subset);
        var frontal = all.Images.Where(i => i.RelativePath.Contains("/frontal/", StringComparison.Ordinal)).ToList();
        return new ImageDataset(FrontalName + (subset?.Suffix ?? ""), all.Root, frontal, all.ReferenceCrop, all.Problems);
    }

    /// <summary>
    /// The pairs of a protocol, 10 folds x (350 same + 350 different), as relative image paths. In FP the
    /// first image of each pair is frontal and the second profile.
    /// </summary>
    public static IReadOnlyList<ImagePair> ReadPairs(string dataRoot, CfpProtocol protocol)
    {
        var root = RequireRoot(dataRoot);
        var protocolDir = Path.Combine(root, "Protocol");
        var frontal = ReadPairList(Path.Combine(protocolDir, "Pair_list_F.txt"));
        var second = protocol == CfpProtocol.FF ? frontal : ReadPairList(Path.Combine(protocolDir, "Pair_list_P.txt"));
        var splitDir = Path.Combine(protocolDir, "Split", protocol.ToString());
        if (!Directory.Exists(splitDir)) throw new FaceCompatException($"CFP split folder not found: {splitDir}");
        var foldDirs = Directory.GetDirectories(splitDir).OrderBy(d => d, StringComparer.Ordinal).ToList();
        if (foldDirs.Count == 0) throw new FaceCompatException($"CFP split folder {splitDir} has no folds.");
        var pairs = new List<ImagePair>();
        foreach (var foldDir in foldDirs)
        {
            var foldName = Path.GetFileName(foldDir);
            if (!int.TryParse(foldName, NumberStyles.None, CultureInfo.InvariantCulture, out var fold))
                throw new FaceCompatException($"CFP fold folder '{foldDir}' is not numbered.");
            foreach (var (file, same) in new[] { ("same.txt", true), ("diff.txt", false) })
            {
                var path = Path.Combine(foldDir, file);
                if (!File.Exists(path)) throw new FaceCompatException($"CFP protocol file not found: {path}");
                foreach (var (lineNo, line, parts) in CommaLines(path))
                {
                    if (parts.Length != 2) throw new FaceCompatException($"{path}:{lineNo}: expected 'a,b', got '{line}'.");
                    var a = Lookup(frontal, parts[0], path, lineNo);
                    var b = Lookup(second, parts[1], path, lineNo);
                    pairs.Add(new ImagePair(a, b, same, fold));
                }
            }
        }
        return pairs;
    }

    /// <summary>The 30 hand-placed (x, y) points of an image, in its pixel coordinates.</summary>
    public static IReadOnlyList<(float X, float Y)> ReadFiducials(string dataRoot, string relativeImagePath)
    {
        var root = RequireRoot(dataRoot);
        const string prefix = "Data/Images/";
        if (!relativeImagePath.StartsWith(prefix, StringComparison.Ordinal))
            throw new FaceCompatException($"'{relativeImagePath}' is not a CFP image path (Data/Images/...).");
        var rel = "Data/Fiducials/" + Path.ChangeExtension(relativeImagePath[prefix.Length..], ".txt");
        return ParseFiducials(Path.Combine(root, rel));
    }

    public static IReadOnlyList<(float X, float Y)> ParseFiducials(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"CFP fiducials not found: {path}");
        var points = new List<(float, float)>(FiducialPoints);
        foreach (var (lineNo, line, parts) in CommaLines(path))
        {
            if (parts.Length != 2
                || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                throw new FaceCompatException($"{path}:{lineNo}: expected 'x,y', got '{line}'.");
            points.Add((x, y));
        }
        if (points.Count != FiducialPoints) throw new FaceCompatException($"{path}: expected {FiducialPoints} points, found {points.Count}.");
        return points;
    }

    /// <summary>The non-blank lines of a CFP text file, trimmed and split at commas, with 1-based line numbers.</summary>
    private static IEnumerable<(int LineNo, string Line, string[] Parts)> CommaLines(string path)
    {
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length > 0) yield return (lineNo, line, line.Split(','));
        }
    }

    /// <summary>Reads a pair list ("n ../Data/Images/..."): entry n-1 is image n, as a relative path.</summary>
    private static List<string> ReadPairList(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"CFP pair list not found: {path}");
        var list = new List<string>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var parts = LfwPairsParser.Split(line);
            if (parts.Length != 2 || LfwPairsParser.Int(parts[0], path, lineNo) != list.Count + 1)
                throw new FaceCompatException($"{path}:{lineNo}: expected '{list.Count + 1} path', got '{line}'.");
            var rel = parts[1].Replace('\\', '/');
            while (rel.StartsWith("../", StringComparison.Ordinal)) rel = rel[3..];
            list.Add(rel);
        }
        return list;
    }

    private static string Lookup(List<string> list, string text, string path, int lineNo)
    {
        var n = LfwPairsParser.Int(text.Trim(), path, lineNo);
        if (n < 1 || n > list.Count) throw new FaceCompatException($"{path}:{lineNo}: image number {n} is outside 1..{list.Count}.");
        return list[n - 1];
    }

    private static string RequireRoot(string dataRoot)
    {
        var root = RootUnder(Path.GetFullPath(dataRoot));
        if (!Directory.Exists(Path.Combine(root, "Data", "Images")))
            throw new FaceCompatException($"CFP not found: expected {Path.Combine(root, "Data", "Images")} (set the data root, or the {FaceCompatPaths.DataVariable} environment variable).", UserHint.DataRoot);
        return root;
    }
}
