using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Evaluation;

/// <summary>
/// Cross-model verification as in the reference protocol: every genuine pair within each test
/// identity, as many random impostor pairs, and the score dot(mapped X[a], Y[b]).
/// </summary>
public static class Verification
{
    /// <summary>
    /// The reference's balanced pairs over rows with the given identities. Genuine: every (a, b) with
    /// a &lt; b and the same identity, in lexicographic order. Impostors: as many pairs, drawn from
    /// <see cref="SplitMix64"/>(seed) two outputs at a time, a = next % n, b = next % n, kept when the
    /// identities differ (so repeats are possible, as with numpy's random choice).
    /// </summary>
    public static VerificationPair[] ReferencePairs(ReadOnlySpan<int> identities, ulong seed)
    {
        var n = identities.Length;
        var byIdentity = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            if (!byIdentity.TryGetValue(identities[i], out var rows)) byIdentity[identities[i]] = rows = [];
            rows.Add(i);
        }
        if (byIdentity.Count < 2)
            throw new FaceCompatException("Verification needs at least two identities in the test set.");

        var pairs = new List<VerificationPair>();
        for (var a = 0; a < n; a++)
        {
            var rows = byIdentity[identities[a]];
            foreach (var b in rows)
                if (b > a) pairs.Add(new VerificationPair(a, b, true));
        }
        var genuine = pairs.Count;
        if (genuine == 0)
            throw new FaceCompatException("Verification needs genuine pairs: no test identity has two images.");

        var rng = new SplitMix64(seed);
        while (pairs.Count < 2 * genuine)
        {
            var a = rng.NextBelow(n);
            var b = rng.NextBelow(n);
            if (identities[a] != identities[b]) pairs.Add(new VerificationPair(a, b, false));
        }
        return pairs.ToArray();
    }

    /// <summary>score[p] = dot(probe[pair.IndexA], reference[pair.IndexB]), accumulated in double.</summary>
    public static double[] Scores(float[] probe, float[] reference, int dimension, IReadOnlyList<VerificationPair> pairs)
    {
        var scores = new double[pairs.Count];
        Parallel.For(0, pairs.Count, p =>
        {
            var pair = pairs[p];
            scores[p] = DotDouble(probe.AsSpan(pair.IndexA * dimension, dimension), reference.AsSpan(pair.IndexB * dimension, dimension));
        });
        return scores;
    }

    /// <summary>ROC, AUC, EER and TMR@FMR of the scores of the given pairs.</summary>
    public static VerificationResult Evaluate(ReadOnlySpan<double> scores, IReadOnlyList<VerificationPair> pairs)
    {
        if (scores.Length != pairs.Count) throw new ArgumentException("One score per pair is required.");
        var genuine = new bool[pairs.Count];
        var genuineCount = 0;
        for (var i = 0; i < genuine.Length; i++)
            if (genuine[i] = pairs[i].Genuine) genuineCount++;
        return new VerificationResult(RocCurve.Compute(scores, genuine), genuineCount, pairs.Count - genuineCount);
    }

    /// <summary>dot(x, y) of float32 vectors accumulated in double (SIMD: widened lanes, two accumulators).</summary>
    internal static double DotDouble(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var i = 0;
        double sum = 0;
        // Stryker disable once all : float products are exact in double; the vector and scalar paths differ only in the order of the additions (rounding, 1e-16 relative)
        if (System.Numerics.Vector.IsHardwareAccelerated && x.Length >= System.Numerics.Vector<float>.Count)
        {
            var vx = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(x);
            var vy = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(y[..x.Length]);
            var low = System.Numerics.Vector<double>.Zero;
            var high = System.Numerics.Vector<double>.Zero;
            for (var v = 0; v < vx.Length; v++)
            {
                System.Numerics.Vector.Widen(vx[v], out var xl, out var xh);
                System.Numerics.Vector.Widen(vy[v], out var yl, out var yh);
                low += xl * yl;
                high += xh * yh;
            }
            sum = System.Numerics.Vector.Sum(low + high);
            i = vx.Length * System.Numerics.Vector<float>.Count;
        }
        for (; i < x.Length; i++) sum += (double)x[i] * y[i];
        return sum;
    }
}
