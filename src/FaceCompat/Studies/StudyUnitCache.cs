using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>
/// The resumable part of a study: each unit's result is a JSON file under <c>&lt;out&gt;/.work/</c> named by
/// the SHA-256 of everything the unit's numbers depend on — its experiment and pair, its full settings,
/// the fingerprints of the embeddings it reads, digests of its identity splits and
/// <see cref="AlgorithmVersion"/> — written atomically. A unit whose file exists is read instead of
/// recomputed. The build (git commit, informational version) is deliberately not part of the key: a
/// commit that does not change what a unit computes keeps every cached unit.
/// </summary>
internal sealed class StudyUnitCache
{
    /// <summary>
    /// The version of what a unit computes. Bump it by hand in any change that alters a unit's numbers or
    /// its result format (a metric's definition, a map's algorithm, the split, pairs or bootstrap draws,
    /// new rows); never for speed-ups that give the same numbers, refactoring or report changes.
    /// </summary>
    public const int AlgorithmVersion = 6; // 2: map@50 under reference as published, map@50_standard added;
                                           // 3: scores at the smaller dimension (ScoringOperands), ridge from one eigendecomposition, unit FLOPs;
                                           // 4: a linear map folded into the gallery when the source is the smaller side (float rounding);
                                           // 5: every linear map folded, a non-orthogonal one through its thin SVD's basis; X^T X and X^T Y summed over
                                           //    blocks of 256 prepared rows (float rounding);
                                           // 6: ridge solved from the Gram matrix's tridiagonal form instead of its eigendecomposition (float rounding)

    /// <summary>SHA-256 (hex) of a split's train and test identities: part of the key of every unit that uses it.</summary>
    public static string SplitDigest(Embeddings.IdentitySplit split) =>
        Key("train\n" + string.Join("\n", split.TrainIdentities) + "\ntest\n" + string.Join("\n", split.TestIdentities));

    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly string _directory;
    private readonly JsonSerializerOptions _read;

    public StudyUnitCache(string directory)
    {
        _directory = directory;
        _read = new JsonSerializerOptions(Json) { Converters = { new PooledStringConverter() } };
    }

    public static string Key(string description) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)));

    /// <summary>Whether a unit with this description has a cached result file.</summary>
    public bool Contains(string experiment, string description) => File.Exists(PathOf(experiment, description));

    private string PathOf(string experiment, string description) => Path.Combine(_directory, experiment, Key(description) + ".json");

    public (StudyUnitResult Result, bool Cached) GetOrRun(string experiment, string description, Func<StudyUnitResult> run)
    {
        var path = PathOf(experiment, description);
        if (File.Exists(path) && Read(path) is { } cached) return (cached, true);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var work = Numerics.FlopCounter.Snapshot(); // units run one at a time: the difference is this unit's work
        var result = run() with
        {
            Cost = new UnitCost(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds)
            {
                Work = Numerics.FlopCounter.Snapshot() - work,
            },
        };
        Store(experiment, description, result);
        return (result, false);
    }

    /// <summary>A cached unit's result, or null when the file cannot be read as one (then the unit is recomputed and its file replaced).</summary>
    internal StudyUnitResult? Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return JsonSerializer.Deserialize<StudyUnitResult>(file, _read);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes a unit's result atomically: an interrupted study keeps every unit it finished.
    /// </summary>
    private void Store(string experiment, string description, StudyUnitResult result)
    {
        Write(PathOf(experiment, description), result);
    }

    /// <summary>A unit's result file at <paramref name="path"/>, written atomically in the cache's format.</summary>
    internal static void Write(string path, StudyUnitResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, Json));
    }
}
