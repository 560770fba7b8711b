using BenchmarkDotNet.Attributes;
using FaceCompat.Evaluation;
using FaceCompat.Numerics;

namespace FaceCompat.Benchmarks;

/// <summary>
/// Scoring one mapped test set at LFW-test scale (3,970 unit rows of dimension 1024, ~1,700 identities):
/// identification under both protocols in one blocked pass, and verification of 300,000 pairs
/// (score + sklearn-style ROC + EER + TMR@FMR), beside all-pairs operating points on the same rows (every one of the
/// ~7.9 million pairs: exact thresholds at FMR 1e-2 … 1e-6 from one set's own impostors, and one other set counted at
/// them). The whole-protocol comparison with numpy is
/// bench/crosscheck/speed.sh. Run: dotnet run -c Release --project bench/FaceCompat.Benchmarks -- --filter '*Scoring*'
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int N = 3970, D = 1024;
    private float[] queries = null!;
    private float[] gallery = null!;
    private int[] identities = null!;
    private VerificationPair[] pairs = null!;
    private IReadOnlyList<OperatingThreshold> thresholds = null!;
    private static readonly double[] Fmrs = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(3);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        identities = new int[N];
        var centres = new float[1700 * D];
        for (var i = 0; i < centres.Length; i++) centres[i] = (float)Gaussian();
        var q = new float[N * D];
        var g = new float[N * D];
        for (var r = 0; r < N; r++)
        {
            identities[r] = r < 530 ? 0 : r % 1700; // one large identity, like LFW's
            for (var j = 0; j < D; j++)
            {
                q[r * D + j] = centres[identities[r] * D + j] + (float)Gaussian();
                g[r * D + j] = centres[identities[r] * D + j] + (float)Gaussian();
            }
        }
        queries = Rows.Normalized(q, N, D);
        gallery = Rows.Normalized(g, N, D);
        pairs = Verification.ReferencePairs(identities, 42);
        thresholds = ThresholdCalibration.Calibrate(new AllPairsScores(gallery, gallery, D, identities, PairRule.DistinctImagesUnordered), Fmrs);
    }

    [Benchmark(Description = "identification, reference + strict, one pass")]
    public double Identification() =>
        FaceCompat.Evaluation.Identification.Evaluate(queries, N, gallery, N, D, identities, identities,
            [IdentificationProtocol.Reference, IdentificationProtocol.Strict])[IdentificationProtocol.Strict].Rank1;

    [Benchmark(Description = "verification, reference pairs")]
    public double VerificationAll() =>
        Verification.Evaluate(Verification.Scores(queries, gallery, D, pairs), pairs).Eer;

    [Benchmark(Description = "all pairs, native: thresholds at 5 FMRs + counts (3 streams)")]
    public long AllPairsNative()
    {
        var native = new AllPairsScores(gallery, gallery, D, identities, PairRule.DistinctImagesUnordered);
        return OperatingPointCounter.Count(native, ThresholdCalibration.Calibrate(native, Fmrs))[2].GenuineAccepted.Events ?? -1;
    }

    [Benchmark(Description = "all pairs, carried set: counts at 5 known thresholds (1 stream)")]
    public long AllPairsCarried() =>
        OperatingPointCounter.Count(new AllPairsScores(gallery, queries, D, identities, PairRule.DistinctImages), thresholds)[2].GenuineAccepted.Events ?? -1;
}
