using FaceCompat.Mapping.Maps;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>What the unsupervised map is allowed to spend, and its seed.</summary>
/// <param name="Restarts">Starting guesses tried (axes: the first orients every principal axis by its skewness, the others flip weakly skewed axes at random; gw: each clusters both sides afresh).</param>
/// <param name="Iterations">The most Procrustes steps per refinement.</param>
/// <param name="CslsK">Neighbours in the CSLS radii.</param>
/// <param name="InitAxes">Principal axes matched by the starting guess.</param>
/// <param name="ScreenRows">Rows per side on which every restart is refined before the best is chosen.</param>
/// <param name="MaxRows">Rows per side on which the chosen restart is refined to the end.</param>
/// <param name="Start">How each restart's starting guess is found.</param>
/// <param name="Clusters">Centroids per side of the gw start.</param>
internal sealed record SelfLearningSettings(int Restarts, int Iterations, int CslsK, int Seed, int InitAxes, int ScreenRows, int MaxRows,
    UnpairedStart Start = UnpairedStart.Axes, int Clusters = 100);

/// <summary>One restart after refinement on the screening rows.</summary>
/// <param name="Weights">Its D x D orthogonal map.</param>
/// <param name="FlippedAxes">Axes start: the axes whose sign this restart flipped (0 for gw).</param>
/// <param name="StartLoss">Gw start: the Gromov–Wasserstein loss of its centroid coupling (NaN for axes).</param>
/// <param name="Criterion">Mean cosine of each source row with its CSLS match (higher is better; reads no label and no pairing).</param>
internal sealed record RestartOutcome(int Restart, int FlippedAxes, double StartLoss, double Criterion, int Iterations, int Pairs, Matrix Weights);

/// <summary>The fitted unsupervised map with the history of its restarts.</summary>
/// <param name="StartSize">Principal axes matched (axes start) or centroids per side (gw start).</param>
internal sealed record SelfLearningFit(Matrix Weights, int Chosen, IReadOnlyList<RestartOutcome> Restarts, double Criterion,
    int Iterations, int Pairs, bool Converged, int StartSize, int SourceRows, int TargetRows);

/// <summary>
/// Orthogonal Procrustes without pairs (VecMap/MUSE-style self-learning): a pair-free starting guess from
/// <see cref="PrincipalAxes"/> or from <see cref="CentroidMatching"/>, then repeatedly: match both sets by CSLS, keep the mutual nearest neighbours as
/// pseudo-pairs, fit Procrustes on them — until the pseudo-pairs stop changing. Several restarts are refined on
/// a subsample and the one with the highest mean CSLS-match cosine is refined on all rows.
/// </summary>
internal static class SelfLearningProcrustes
{
    public static SelfLearningFit Fit(UnpairedRows rows, SelfLearningSettings settings)
    {
        if (rows.Source.Cols != rows.Target.Cols)
            throw new ArgumentException($"Prepared spaces have {rows.Source.Cols} and {rows.Target.Cols} columns.");
        int a = rows.SourceActive, b = rows.TargetActive;
        var random = new NumpyRandomState((uint)settings.Seed);
        var screenSource = Sample(rows.Source, settings.ScreenRows, random);
        var screenTarget = Sample(rows.Target, settings.ScreenRows, random);
        var screen = new Sides(rows.Preparation, screenSource, screenTarget, a, b);
        var restarts = new List<RestartOutcome>();
        int k;
        if (settings.Start == UnpairedStart.Gw)
        {
            k = Math.Min(settings.Clusters, Math.Min(screenSource.Rows, screenTarget.Rows));
            for (var r = 0; r < settings.Restarts; r++)
            {
                var start = CentroidMatching.Start(screen.SourceUnit, screen.TargetUnit, settings.Clusters, random);
                var refined = screen.Refine(start.Weights, settings.Iterations, settings.CslsK);
                restarts.Add(new RestartOutcome(r, 0, start.Loss, refined.Criterion, refined.Iterations, refined.Pairs, refined.Weights));
            }
        }
        else
        {
            var sourceAxes = PrincipalAxes.Of(rows.Source, a, settings.InitAxes);
            var targetAxes = PrincipalAxes.Of(rows.Target, b, settings.InitAxes);
            k = Math.Min(sourceAxes.Count, targetAxes.Count);
            for (var r = 0; r < settings.Restarts; r++)
            {
                var signs = new double[k];
                var flipped = 0;
                for (var j = 0; j < k; j++)
                {
                    var sure = Math.Min(sourceAxes.SkewnessZ[j], targetAxes.SkewnessZ[j]);
                    var flip = r > 0 && random.NextDouble() < 0.5 * Math.Exp(-sure / 2);
                    signs[j] = flip ? -1 : 1;
                    if (flip) flipped++;
                }
                var start = StartingGuess(sourceAxes, targetAxes, signs);
                var refined = screen.Refine(start, settings.Iterations, settings.CslsK);
                restarts.Add(new RestartOutcome(r, flipped, double.NaN, refined.Criterion, refined.Iterations, refined.Pairs, refined.Weights));
            }
        }
        var chosen = restarts.MaxBy(o => o.Criterion)!;

        var all = new Sides(rows.Preparation, Sample(rows.Source, settings.MaxRows, random), Sample(rows.Target, settings.MaxRows, random), a, b);
        var final = all.Refine(TrainingPair.LeadingColumns(chosen.Weights.LeadingRows(a), b), settings.Iterations, settings.CslsK);
        return new SelfLearningFit(final.Weights, chosen.Restart, restarts, final.Criterion, final.Iterations, final.Pairs, final.Converged,
            k, all.Source.Rows, all.Target.Rows);
    }

    /// <summary>W0 = sum_j s_j u_j v_j^T over matched principal axes (a x b, rank k).</summary>
    internal static Matrix StartingGuess(PrincipalAxes source, PrincipalAxes target, double[] signs)
    {
        int k = signs.Length, a = source.Axes.Rows, b = target.Axes.Rows;
        var scaled = new Matrix(a, k);
        for (var i = 0; i < a; i++)
            for (var j = 0; j < k; j++) scaled[i, j] = source.Axes[i, j] * signs[j];
        var w = new Matrix(a, b);
        Blas.Dgemm(false, true, a, b, k, 1.0, scaled.Data, k, target.Axes.Data, target.Axes.Cols, 0.0, w.Data, b);
        return w;
    }

    /// <summary>Up to <paramref name="count"/> rows drawn without replacement (all rows, in their order, when there are no more).</summary>
    private static Matrix Sample(Matrix rows, int count, NumpyRandomState random)
    {
        if (rows.Rows <= count) return rows;
        var order = random.Permutation(rows.Rows).AsSpan(0, count).ToArray();
        Array.Sort(order);
        return rows.SelectRows(order);
    }

    private sealed record Refinement(Matrix Weights, double Criterion, int Iterations, int Pairs, bool Converged);

    /// <summary>Both sides' prepared rows (for Procrustes) and their unit-length active columns (for cosines).</summary>
    private sealed class Sides(Preparation preparation, Matrix source, Matrix target, int a, int b)
    {
        private readonly Matrix sourceUnit = UnitRows(source, a);
        private readonly Matrix targetUnit = UnitRows(target, b);

        public Matrix Source => source;
        public Matrix SourceUnit => sourceUnit;
        public Matrix TargetUnit => targetUnit;
        public Matrix Target => target;

        /// <summary>Self-learning from an a x b starting map until the mutual pairs repeat or the steps run out.</summary>
        public Refinement Refine(Matrix start, int iterations, int k)
        {
            var map = start;
            Matrix? weights = null;
            (int Source, int Target)[]? previous = null;
            var steps = 0;
            while (true)
            {
                var match = Match(map, k);
                var pairs = match.MutualPairs();
                var converged = previous is not null && pairs.AsSpan().SequenceEqual(previous);
                if (weights is not null && (converged || steps >= iterations))
                    return new Refinement(weights, match.MeanBestCosine, steps, pairs.Length, converged);
                weights = Procrustes(pairs, match);
                map = TrainingPair.LeadingColumns(weights.LeadingRows(a), b);
                previous = pairs;
                steps++;
            }
        }

        /// <summary>CSLS matching under the a x b map, in the smaller of the two active dimensions.</summary>
        private CslsMatch Match(Matrix map, int k) => a <= b
            ? CslsMatching.Match(sourceUnit, Matrix.Multiply(targetUnit, false, map, true), k)
            : CslsMatching.Match(sourceUnit.Multiply(map), targetUnit, k);

        /// <summary>
        /// Procrustes from each mutually matched source row to the mean of its k nearest target rows. The single
        /// nearest row of a different sample would confirm any map close to the current one (it lies wherever the
        /// map points, up to sampling noise); the local mean is pulled towards where the target's mass is, which
        /// moves the map towards the true one at every step.
        /// </summary>
        private Matrix Procrustes((int Source, int Target)[] pairs, CslsMatch match)
        {
            var k = match.K;
            var partners = new Matrix(pairs.Length, target.Cols);
            for (var p = 0; p < pairs.Length; p++)
            {
                var to = partners.Row(p);
                foreach (var j in match.SourceNeighbours.AsSpan(pairs[p].Source * k, k))
                    System.Numerics.Tensors.TensorPrimitives.Add(to, target.Row(j), to);
                System.Numerics.Tensors.TensorPrimitives.Divide(to, k, to);
            }
            var pair = new TrainingPair(preparation, source.SelectRows(pairs.Select(p => p.Source).ToArray()), partners);
            return ProcrustesFitter.OrthogonalFactor(pair).W;
        }

        private static Matrix UnitRows(Matrix rows, int active)
        {
            var unit = new Matrix(rows.Rows, active);
            for (var i = 0; i < rows.Rows; i++)
            {
                var from = rows.Row(i)[..active];
                var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(from));
                var to = unit.Row(i);
                for (var j = 0; j < active; j++) to[j] = norm > 0 ? from[j] / norm : 0;
            }
            return unit;
        }
    }
}
