using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>
/// The resumable part of a study: each unit's result is a JSON file under <c>&lt;out&gt;/.work/</c> named by
/// the SHA-256 of everything the unit depends on (its description, the fingerprints of its embeddings,
/// the code version), written atomically. A unit whose file exists is read instead of recomputed.
/// </summary>
public sealed class StudyUnitCache
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly string _directory;

    public StudyUnitCache(string directory) => _directory = directory;

    public static string Key(string description) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)));

    public (StudyUnitResult Result, bool Cached) GetOrRun(string experiment, string description, Func<StudyUnitResult> run)
    {
        var path = Path.Combine(_directory, experiment, Key(description) + ".json");
        if (File.Exists(path))
        {
            try
            {
                var cached = JsonSerializer.Deserialize<StudyUnitResult>(File.ReadAllText(path), Json);
                if (cached is not null) return (cached, true);
            }
            catch (JsonException) { } // unreadable cache entry: recompute and replace it
        }
        var result = run();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, Json));
        return (result, false);
    }
}
