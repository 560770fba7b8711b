using System.Globalization;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Embeddings;

/// <summary>
/// Identities (never images) divided into a train and a test subset.
/// <para>The seeded split is, in numpy terms:
/// <code>
/// ids = np.unique(identities)                      # sorted
/// perm = np.random.RandomState(seed).permutation(len(ids))
/// n_train = int(train_ratio * len(ids))
/// train, test = ids[perm[:n_train]], ids[perm[n_train:]]
/// </code>
/// (with a fixed test share, test = <c>ids[perm[len(ids) - n_test:]]</c>, n_test = int(test_ratio * len(ids)),
/// so the test identities stay the same while the train share varies).</para>
/// </summary>
public sealed class IdentitySplit
{
    public const double DefaultTrainRatio = 0.7;
    public static IReadOnlyList<int> ReferenceSeeds { get; } = [42, 123, 217, 7, 531];

    private readonly HashSet<string> train;
    private readonly HashSet<string> test;

    public IdentitySplit(IEnumerable<string> trainIdentities, IEnumerable<string> testIdentities, int? seed = null, double? trainRatio = null)
    {
        train = new HashSet<string>(trainIdentities, StringComparer.Ordinal);
        test = new HashSet<string>(testIdentities, StringComparer.Ordinal);
        var both = train.Intersect(test).FirstOrDefault();
        if (both is not null) throw new FaceCompatException($"identity '{both}' is in both the train and the test subset.");
        if (train.Count == 0) throw new FaceCompatException("the split has no train identities.");
        // No test identity makes a fitting-only split (a migration map uses every identity it has); one cannot evaluate anything.
        if (test.Count == 1) throw new FaceCompatException("the split has 1 test identity; evaluation needs at least 2.");
        TrainIdentities = train.Order(StringComparer.Ordinal).ToArray();
        TestIdentities = test.Order(StringComparer.Ordinal).ToArray();
        Seed = seed;
        TrainRatio = trainRatio;
    }

    public IReadOnlyList<string> TrainIdentities { get; }
    public IReadOnlyList<string> TestIdentities { get; }

    /// <summary>The seed that made the split, null for a split read from a file.</summary>
    public int? Seed { get; }
    public double? TrainRatio { get; }

    /// <summary>Whether the split has test identities to evaluate on (else it only fits: every identity trains).</summary>
    public bool CanEvaluate => test.Count >= 2;

    /// <summary>Throws the plain error for a fitting-only split given where an evaluation needs test identities.</summary>
    public IdentitySplit RequireEvaluable() => CanEvaluate ? this
        : throw new FaceCompatException($"the split has {test.Count} test identities; evaluation needs at least 2.");

    /// <summary>A fitting-only split: every identity trains, none is held out.</summary>
    public static IdentitySplit AllTrain(IEnumerable<string> identities) =>
        new(identities.Distinct(StringComparer.Ordinal), [], trainRatio: 1.0);

    public bool IsTrain(string identity) => train.Contains(identity);
    public bool IsTest(string identity) => test.Contains(identity);

    /// <summary>The seeded split described on the class (numpy-compatible).</summary>
    public static IdentitySplit Random(IEnumerable<string> identities, double trainRatio, int seed, double? testRatio = null)
    {
        if (!(trainRatio > 0 && trainRatio < 1)) throw new FaceCompatException($"train ratio {trainRatio} must lie strictly between 0 and 1.");
        if (testRatio is { } t && !(t > 0 && t < 1 && trainRatio + t <= 1 + 1e-12))
            throw new FaceCompatException($"test ratio {t} must lie in (0, 1) and leave room for train ratio {trainRatio}.");
        if (seed < 0) throw new FaceCompatException($"seed {seed} must be non-negative (numpy's RandomState takes 0..2^32-1).");
        var ids = identities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var perm = new NumpyRandomState((uint)seed).Permutation(ids.Length);
        var nTrain = (int)(trainRatio * ids.Length);
        var testStart = testRatio is { } tr ? ids.Length - (int)(tr * ids.Length) : nTrain;
        if (nTrain == 0) throw new FaceCompatException($"train ratio {trainRatio} leaves no train identity among {ids.Length}.");
        var trainIds = perm.Take(nTrain).Select(i => ids[i]);
        var testIds = perm.Skip(testStart).Select(i => ids[i]);
        return new IdentitySplit(trainIds, testIds, seed, trainRatio);
    }

    /// <summary>The file name a split is written under: <c>seed-&lt;seed&gt;.csv</c>.</summary>
    public static string FileName(int seed) => $"seed-{seed.ToString(CultureInfo.InvariantCulture)}.csv";

    /// <summary>Rows (in row order) whose identity is in the train subset and in the test subset; others are refused.</summary>
    public (int[] Train, int[] Test) RowIndices(IReadOnlyList<EmbeddingRecord> records)
    {
        var trainRows = new List<int>();
        var testRows = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            var identity = records[i].Identity;
            if (train.Contains(identity)) trainRows.Add(i);
            else if (test.Contains(identity)) testRows.Add(i);
            else throw new FaceCompatException($"row {i}: identity '{identity}' is in neither subset of the split.");
        }
        return (trainRows.ToArray(), testRows.ToArray());
    }

    /// <summary>Writes <c>identity,subset</c> rows (train first, each sorted), atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    public string Format()
    {
        var builder = new StringBuilder("identity,subset\n");
        foreach (var id in TrainIdentities) Csv.AppendField(builder, id).Append(",train\n");
        foreach (var id in TestIdentities) Csv.AppendField(builder, id).Append(",test\n");
        return builder.ToString();
    }

    /// <summary>Reads a split file (<c>identity,subset</c>, subset <c>train</c> or <c>test</c>).</summary>
    public static IdentitySplit Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FaceCompatException($"{path}: cannot read the split file ({ex.Message}).", ex);
        }
        var rows = Csv.Parse(text, path);
        if (rows.Count == 0 || rows[0].Count < 2 || rows[0][0].Trim() != "identity" || rows[0][1].Trim() != "subset")
            throw new FaceCompatException($"{path}: a split file starts with the header 'identity,subset'.");
        var trainIds = new List<string>();
        var testIds = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count < 2) throw new FaceCompatException($"{path}: line {r + 1} needs identity,subset.");
            if (!seen.Add(row[0])) throw new FaceCompatException($"{path}: line {r + 1}: identity '{row[0]}' is listed twice.");
            switch (row[1].Trim())
            {
                case "train": trainIds.Add(row[0]); break;
                case "test": testIds.Add(row[0]); break;
                default: throw new FaceCompatException($"{path}: line {r + 1}: subset '{row[1]}' must be 'train' or 'test'.");
            }
        }
        try
        {
            return new IdentitySplit(trainIds, testIds);
        }
        catch (FaceCompatException ex)
        {
            throw new FaceCompatException($"{path}: {ex.Message}", ex);
        }
    }
}
