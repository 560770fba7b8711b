using FaceCompat.Evaluation;

namespace FaceCompat.Tests.Evaluation;

/// <summary>
/// The faster top-k, row normalisation, verification scores and ROC against <see cref="LegacyEvaluation"/>, bit for bit,
/// on synthetic rows chosen to reach every path: ties, ±0, ±∞, NaN, excluded rows, short rows, many candidates.
/// </summary>
public class EvaluationSpeedEquivalenceTests
{
    public static TheoryData<int, int, string> TopKCases() => new()
    {
        { 3728, 51, "uniform" }, { 3728, 50, "clustered" }, { 3729, 51, "quantised" }, { 205, 51, "uniform" },
        { 204, 51, "quantised" }, { 1000, 1, "uniform" }, { 1000, 5, "clustered" }, { 37, 51, "uniform" },
        { 4000, 300, "uniform" }, { 2000, 51, "constant" }, { 2000, 51, "zeros" }, { 2000, 51, "infinities" },
        { 2000, 51, "nan" }, { 2003, 51, "sorted" }, { 2003, 51, "reversed" }, { 9, 3, "quantised" },
        { 4, 1, "uniform" }, { 7, 1, "uniform" }, { 8, 2, "uniform" }, { 12, 3, "quantised" }, { 31, 7, "uniform" },
    };

    [Theory]
    [MemberData(nameof(TopKCases))]
    public void TopKEqualsTheInsertionOracle(int n, int k, string kind)
    {
        var rng = new Random(n * 31 + k);
        for (var row = 0; row < 20; row++)
        {
            var scores = Row(rng, n, kind);
            foreach (var excluded in new[] { -1, rng.Next(n) })
            {
                var expected = new int[k];
                var actual = new int[k];
                var expectedCount = TopK.SelectByInsertion(scores, excluded, expected);
                var actualCount = TopK.Select(scores, excluded, actual);
                Assert.Equal(expectedCount, actualCount);
                Assert.Equal(expected.AsSpan(0, expectedCount).ToArray(), actual.AsSpan(0, actualCount).ToArray());
            }
        }
    }

    private static float[] Row(Random rng, int n, string kind)
    {
        var s = new float[n];
        for (var i = 0; i < n; i++)
            s[i] = kind switch
            {
                "clustered" => (float)(rng.NextDouble() < 0.01 ? 0.6 + 0.3 * rng.NextDouble() : 0.15 * (rng.NextDouble() - 0.5)),
                "quantised" => MathF.Round((float)rng.NextDouble() * 20) / 20 * (rng.Next(2) == 0 ? 1 : -1),
                "constant" => 0.25f,
                "zeros" => rng.Next(3) switch { 0 => 0f, 1 => -0f, _ => (float)rng.NextDouble() * 1e-3f },
                "infinities" => rng.Next(50) switch { 0 => float.PositiveInfinity, 1 => float.NegativeInfinity, _ => (float)rng.NextDouble() },
                "nan" => rng.Next(400) == 0 ? float.NaN : (float)rng.NextDouble(),
                "sorted" => i / (float)n,
                "reversed" => 1 - i / (float)n,
                _ => (float)(2 * rng.NextDouble() - 1),
            };
        return s;
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(5, 8)]
    [InlineData(67, 17)]
    [InlineData(300, 1024)]
    [InlineData(129, 256)]
    public void NormalizedRowsEqualTheOracle(int rows, int cols)
    {
        var rng = new Random(rows * 1000 + cols);
        var doubles = new double[rows * cols];
        for (var i = 0; i < doubles.Length; i++)
            doubles[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30));
        if (rows > 2) doubles.AsSpan(cols, cols).Clear(); // an all-zero row stays zero
        var floats = doubles.Select(v => (float)(v / 1e10)).ToArray();
        if (rows > 2) floats.AsSpan(2 * cols, cols).Clear();

        AssertBitwiseEqual(LegacyEvaluation.Normalized(doubles, rows, cols), Rows.Normalized(doubles, rows, cols));
        AssertBitwiseEqual(LegacyEvaluation.Normalized(floats, rows, cols), Rows.Normalized(floats, rows, cols));
    }

    [Fact]
    public void VerificationScoresEqualTheOracle()
    {
        var rng = new Random(5);
        foreach (var d in new[] { 1, 7, 32, 257, 1024 })
        {
            var n = 300;
            var probe = Enumerable.Range(0, n * d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var reference = Enumerable.Range(0, n * d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
            var pairs = Enumerable.Range(0, 5000).Select(i => new VerificationPair(rng.Next(n), rng.Next(n), i % 2 == 0)).ToArray();
            var expected = LegacyEvaluation.Scores(probe, reference, d, pairs);
            AssertBitwiseEqual(expected, Verification.Scores(probe, reference, d, pairs));
            AssertBitwiseEqual(expected, Verification.Scores(probe, reference, d, pairs.ToList()));
        }
    }

    [Theory]
    [InlineData(70_000, "continuous")]
    [InlineData(5_000, "ties")]
    [InlineData(70_000, "ties")] // past RocCurve.ParallelSortScores: the two sorts in parallel, merged through ties
    [InlineData(3_000, "zeros")]
    [InlineData(2, "continuous")]
    public void RocEqualsTheOracle(int n, string kind)
    {
        var rng = new Random(n);
        var scores = new double[n];
        var genuine = new bool[n];
        for (var i = 0; i < n; i++)
        {
            genuine[i] = i % 2 == 0;
            var u = rng.NextDouble() + (genuine[i] ? 0.3 : 0);
            scores[i] = kind switch
            {
                "ties" => Math.Round(u * 40) / 40,
                "zeros" => rng.Next(4) switch { 0 => 0.0, 1 => -0.0, _ => Math.Round(u * 10) / 10 - 0.5 },
                _ => u,
            };
        }
        var (fmr, tmr, thresholds) = LegacyEvaluation.Roc(scores, genuine);
        var roc = RocCurve.Compute(scores, genuine);
        AssertBitwiseEqual(fmr, roc.Fmr);
        AssertBitwiseEqual(tmr, roc.Tmr);
        AssertBitwiseEqual(thresholds, roc.Thresholds);
    }

    private static void AssertBitwiseEqual(float[] expected, float[] actual) =>
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));

    private static void AssertBitwiseEqual(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
