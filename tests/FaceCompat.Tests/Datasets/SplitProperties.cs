using FaceCompat.Embeddings;
using FaceCompat.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceCompat.Tests.Datasets;

public class SplitProperties
{
    [Property(MaxTest = 200)]
    public Property SeededSplitsPartitionTheIdentitiesDeterministically(PositiveInt seed, byte ratioPercent, byte count)
    {
        var n = count % 200 + 20;
        var ratio = (ratioPercent % 60 + 20) / 100.0; // 0.20 .. 0.79
        var ids = Enumerable.Range(0, n).Select(i => $"id{i}").ToArray();
        var split = IdentitySplit.Random(ids, ratio, seed.Get);
        var again = IdentitySplit.Random(ids.Reverse(), ratio, seed.Get);
        var union = split.TrainIdentities.Concat(split.TestIdentities).Order(StringComparer.Ordinal);
        return (split.TrainIdentities.Count == (int)(ratio * n)
                && !split.TrainIdentities.Intersect(split.TestIdentities).Any()
                && union.SequenceEqual(ids.Order(StringComparer.Ordinal))
                && again.TrainIdentities.SequenceEqual(split.TrainIdentities))
            .ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property PermutationIsAPermutation(int seed, byte length)
    {
        var perm = new NumpyRandomState((uint)seed).Permutation(length);
        return perm.Order().SequenceEqual(Enumerable.Range(0, length)).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property MetadataRoundTripsAnyText(NonNull<string>[] paths)
    {
        var records = paths.Select((p, i) => new EmbeddingRecord(i, p.Get, "id" + p.Get.Length)).ToArray();
        var parsed = MetadataCsv.Parse(MetadataCsv.Format(records), "m.csv");
        return parsed.SequenceEqual(records).ToProperty();
    }
}
