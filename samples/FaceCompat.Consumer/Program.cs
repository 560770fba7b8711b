using System.Globalization;
using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;

// Runs the three recipes of docs/library.md on a small LFW subset and prints one line of numbers per recipe.
// Usage: FaceCompat.Consumer <data root holding lfw/> <empty work folder>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FaceCompat.Consumer <data root holding lfw/> <work folder>");
    return 2;
}
var (dataRoot, work) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
try
{
    // Two disjoint folders of LFW people (2-4 images each): one to fit the map on, one gallery to migrate.
    var lfw = Path.Combine(dataRoot, "lfw", "lfw-deepfunneled");
    var people = Directory.GetDirectories(lfw).Order(StringComparer.Ordinal)
        .Select(d => (Dir: d, Images: Directory.GetFiles(d).Order(StringComparer.Ordinal).ToArray()))
        .Where(p => p.Images.Length >= 2).Take(240).ToArray();
    string Copy(string name, IEnumerable<(string Dir, string[] Images)> chosen)
    {
        var root = Path.Combine(work, name);
        foreach (var (dir, images) in chosen)
        {
            var target = Directory.CreateDirectory(Path.Combine(root, Path.GetFileName(dir))).FullName;
            foreach (var image in images.Take(4)) File.Copy(image, Path.Combine(target, Path.GetFileName(image)));
        }
        return root;
    }
    var fitFolder = Copy("fit-faces", people.Take(200));
    var galleryFolder = Copy("gallery-faces", people.Skip(200));

    var (migrated, reEnrolled) = MigrateGallery.Run(fitFolder, galleryFolder, work);
    Console.WriteLine(Line("migrate", ("migrated_rank1", migrated), ("reenrolled_rank1", reEnrolled)));

    // Recipe b reads embeddings "made elsewhere": here, recipe a's fit-folder embeddings as bare .npy + people list.
    var made = new EmbeddingFolder(Directory.GetDirectories(Path.Combine(work, "embeddings")).Single(d => Path.GetFileName(d).StartsWith("fit-faces", StringComparison.Ordinal)));
    var elsewhere = Directory.CreateDirectory(Path.Combine(work, "elsewhere")).FullName;
    File.Copy(made.ModelPath("faceapi"), Path.Combine(elsewhere, "old.npy"));
    File.Copy(made.ModelPath("mobileface"), Path.Combine(elsewhere, "new.npy"));
    File.WriteAllLines(Path.Combine(elsewhere, "people.txt"), made.Records().Select(r => r.Identity));
    var (procrustes, unaligned, tmr) = EvaluateEmbeddings.Run(Path.Combine(elsewhere, "old.npy"), Path.Combine(elsewhere, "new.npy"), Path.Combine(elsewhere, "people.txt"));
    Console.WriteLine(Line("evaluate", ("procrustes_rank1", procrustes), ("unaligned_rank1", unaligned), ("migrated_tmr_at_fmr_0.01", tmr ?? double.NaN)));

    var study = RunStudy.Run(dataRoot, Path.Combine(work, "study"), Path.Combine(work, "study-embeddings"));
    Console.WriteLine(Line("study", ("procrustes_rank1", study)));
    return 0;
}
catch (FaceCompatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static string Line(string recipe, params (string Name, double Value)[] values) =>
    $"{recipe}: " + string.Join(' ', values.Select(v => $"{v.Name}={v.Value.ToString("R", CultureInfo.InvariantCulture)}"));
