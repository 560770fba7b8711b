namespace FaceCompat.Evaluation;

/// <summary>Result of a k-fold verification protocol such as LFW View 2.</summary>
internal sealed record TenFoldResult(IReadOnlyList<int> Folds, IReadOnlyList<double> FoldAccuracy,
    IReadOnlyList<double> FoldThreshold, double MeanAccuracy, double StdAccuracy);

/// <summary>
/// The standard LFW View-2 protocol: for each fold, the threshold that maximises accuracy on all
/// other folds (candidates: midpoints between consecutive distinct training scores, plus one below
/// and one above all of them; accept when score &gt; threshold; ties between thresholds go to the
/// lowest) is applied to that fold. Reports mean and sample standard deviation (ddof 1) of the
/// per-fold accuracies.
/// </summary>
internal static class TenFoldVerification
{
    /// <summary>Cosine similarity of each pair, both rows taken from one space (one model).</summary>
    public static double[] CosineScores(float[] embeddings, int dimension, IReadOnlyList<VerificationPair> pairs) =>
        CosineScores(embeddings, embeddings, dimension, pairs);

    /// <summary>Cosine similarity of probe[IndexA] and reference[IndexB] (a mapped pair of spaces).</summary>
    public static double[] CosineScores(float[] probe, float[] reference, int dimension, IReadOnlyList<VerificationPair> pairs)
    {
        var scores = new double[pairs.Count];
        for (var p = 0; p < pairs.Count; p++)
        {
            var a = probe.AsSpan(pairs[p].IndexA * dimension, dimension);
            var b = reference.AsSpan(pairs[p].IndexB * dimension, dimension);
            var norm = Math.Sqrt(Verification.DotDouble(a, a) * Verification.DotDouble(b, b));
            scores[p] = norm == 0 ? 0 : Verification.DotDouble(a, b) / norm;
        }
        return scores;
    }

    public static TenFoldResult Evaluate(IReadOnlyList<VerificationPair> pairs, ReadOnlySpan<double> scores)
    {
        if (scores.Length != pairs.Count) throw new ArgumentException("One score per pair is required.");
        var folds = new SortedSet<int>();
        foreach (var p in pairs) folds.Add(p.Fold);
        if (folds.Count < 2) throw new ArgumentException("At least two folds are required.");

        var accuracies = new List<double>();
        var thresholds = new List<double>();
        foreach (var fold in folds)
        {
            var trainScores = new List<double>();
            var trainLabels = new List<bool>();
            for (var i = 0; i < pairs.Count; i++)
                if (pairs[i].Fold != fold) { trainScores.Add(scores[i]); trainLabels.Add(pairs[i].Genuine); }
            var threshold = BestThreshold(trainScores.ToArray(), trainLabels.ToArray());
            int correct = 0, total = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                if (pairs[i].Fold != fold) continue;
                total++;
                if ((scores[i] > threshold) == pairs[i].Genuine) correct++;
            }
            accuracies.Add((double)correct / total);
            thresholds.Add(threshold);
        }
        var mean = accuracies.Average();
        // Stryker disable once Arithmetic : sum (a - m)(a + m) = sum a^2 - n m^2 = sum (a - m)^2 when m is the mean
        var ss = accuracies.Sum(a => (a - mean) * (a - mean));
        return new TenFoldResult(folds.ToArray(), accuracies, thresholds, mean, Math.Sqrt(ss / (accuracies.Count - 1)));
    }

    /// <summary>The accuracy-maximising threshold on the given labelled scores (see class remarks).</summary>
    public static double BestThreshold(double[] scores, bool[] genuine)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        var positives = genuine.Count(g => g);

        // Threshold below everything: all accepted, correct = positives.
        var correct = positives;
        var best = correct;
        var bestThreshold = keys.Length == 0 ? 0 : keys[0] - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            // Moving the threshold above keys[i] rejects that pair.
            correct += genuine[order[i]] ? -1 : 1;
            if (i + 1 < keys.Length && keys[i + 1] == keys[i]) continue;
            if (correct > best)
            {
                best = correct;
                bestThreshold = i + 1 < keys.Length ? (keys[i] + keys[i + 1]) / 2 : keys[i] + 1;
            }
        }
        return bestThreshold;
    }
}
