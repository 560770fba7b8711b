using System.Numerics.Tensors;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// The fitted preparation of one space: prepared(x) = pad_or_project((l2(x) - mean)).
/// With zero padding the first <see cref="InputDimension"/> coordinates carry the data and the rest are 0;
/// with PCA, <see cref="Projection"/> (input x output, whitening folded in) maps to the common space.
/// </summary>
internal sealed class SpacePreparation
{
    internal SpacePreparation(int inputDimension, int outputDimension, bool l2Normalize, double[]? mean,
        Matrix? projection, Matrix? reconstruction)
    {
        InputDimension = inputDimension;
        OutputDimension = outputDimension;
        L2Normalize = l2Normalize;
        Mean = mean;
        Projection = projection;
        Reconstruction = reconstruction;
    }

    public int InputDimension { get; }
    public int OutputDimension { get; }
    public bool L2Normalize { get; }

    /// <summary>The train mean (of the L2-normalised rows), or null when not centring.</summary>
    public double[]? Mean { get; }

    /// <summary>PCA: input x output projection (whitening included), else null (zero padding).</summary>
    public Matrix? Projection { get; }

    /// <summary>PCA: output x input matrix taking a prepared row back to input coordinates (the projection's pseudo-inverse).</summary>
    public Matrix? Reconstruction { get; }

    /// <summary>Number of leading prepared coordinates that can be non-zero (the rest is padding).</summary>
    public int ActiveDimension => Projection is null ? InputDimension : OutputDimension;

    /// <summary>Fits the statistics on train rows (raw embeddings).</summary>
    internal static SpacePreparation Fit(IRowSource train, PreparationOptions options, int commonDimension, string name)
    {
        if (train.Rows == 0) throw new FaceCompatException($"{name}: no train rows to fit the preparation on.");
        double[]? mean = null;
        if (options.Center)
        {
            // Mean of the (normalised) rows, accumulated without materialising them.
            mean = new double[train.Cols];
            var scaled = new double[train.Cols];
            var scratch = new double[train.Cols];
            for (var i = 0; i < train.Rows; i++)
            {
                var row = train.Row(i, scratch);
                var scale = options.L2Normalize ? InverseNorm(row, name, i) : 1.0;
                TensorPrimitives.Multiply(row, scale, scaled);
                TensorPrimitives.Add(mean, scaled, mean);
            }
            TensorPrimitives.Divide(mean, train.Rows, mean);
        }
        if (options.Matching == DimensionMatching.ZeroPad)
            return new SpacePreparation(train.Cols, commonDimension, options.L2Normalize, mean, null, null);

        var centered = new SpacePreparation(train.Cols, train.Cols, options.L2Normalize, mean, null, null).Apply(train);
        var (projection, reconstruction) = FitPca(centered, commonDimension, options.Whiten, name);
        return new SpacePreparation(train.Cols, commonDimension, options.L2Normalize, mean, projection, reconstruction);
    }

    /// <summary>Prepares raw rows (train or test) with the train statistics, <see cref="OutputDimension"/> wide.</summary>
    public Matrix Apply(IRowSource rows) => Apply(rows, padded: true);

    /// <summary>Prepares raw rows without the zero padding: only the <see cref="ActiveDimension"/> leading columns.</summary>
    public Matrix ApplyActive(IRowSource rows) => Apply(rows, padded: false);

    private Matrix Apply(IRowSource rows, bool padded)
    {
        if (rows.Cols != InputDimension)
            throw new FaceCompatException($"expected {InputDimension}-dimensional rows, got {rows.Cols}.");
        // One pass per row: scale to unit norm, subtract the mean, write into the (padded) output.
        var width = Projection is null && padded ? OutputDimension : InputDimension;
        var x = new Matrix(rows.Rows, width);
        // Stryker disable once all : the degree of parallelism changes no value (rows are prepared independently)
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = rows.Rows >= 2048 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, rows.Rows, parallel, i => PrepareRow(rows, i, x.Row(i)[..InputDimension]));
        return Projection is null ? x : x.Multiply(Projection);
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) prepared into
    /// <paramref name="destination"/> (row-major, <see cref="ActiveDimension"/> wide), exactly as <see cref="ApplyActive"/>
    /// prepares them; zero padding only (<see cref="Projection"/> null), the preparation that a block of rows can take alone.
    /// </summary>
    public void PrepareBlock(IRowSource rows, int first, int count, Span<double> destination)
    {
        if (Projection is not null) throw new InvalidOperationException("A PCA preparation projects whole matrices, not blocks of rows.");
        if (rows.Cols != InputDimension)
            throw new FaceCompatException($"expected {InputDimension}-dimensional rows, got {rows.Cols}.");
        for (var r = 0; r < count; r++) PrepareRow(rows, first + r, destination.Slice(r * InputDimension, InputDimension));
    }

    /// <summary>One row scaled to unit norm with the mean subtracted, written to <paramref name="target"/> (InputDimension long).</summary>
    private void PrepareRow(IRowSource rows, int i, Span<double> target)
    {
        var source = rows.Row(i, target); // rows converted as they are read land in the output row itself
        var scale = L2Normalize ? InverseNorm(source, "input", i) : 1.0;
        TensorPrimitives.Multiply(source, scale, target);
        if (Mean is not null) TensorPrimitives.Subtract(target, Mean, target);
    }

    /// <summary>Takes prepared-space rows back to this model's own coordinates: drops padding (or undoes PCA) and adds the mean back.</summary>
    public Matrix Restore(Matrix prepared)
    {
        if (prepared.Cols != OutputDimension)
            throw new ArgumentException($"Expected {OutputDimension} columns, got {prepared.Cols}.");
        Matrix x;
        if (Reconstruction is not null) x = prepared.Multiply(Reconstruction);
        else
        {
            x = new Matrix(prepared.Rows, InputDimension);
            for (var i = 0; i < prepared.Rows; i++) prepared.Row(i)[..InputDimension].CopyTo(x.Row(i));
        }
        if (Mean is not null)
            for (var i = 0; i < x.Rows; i++)
            {
                var row = x.Row(i);
                for (var j = 0; j < row.Length; j++) row[j] += Mean[j];
            }
        return x;
    }

    /// <summary>Rows scaled to unit L2 norm; an all-zero or non-finite row is refused.</summary>
    public static Matrix NormalizeRows(Matrix rows, string name)
    {
        var x = new Matrix(rows.Rows, rows.Cols);
        for (var i = 0; i < x.Rows; i++)
            TensorPrimitives.Multiply(rows.Row(i), InverseNorm(rows.Row(i), name, i), x.Row(i));
        return x;
    }

    private static double InverseNorm(ReadOnlySpan<double> row, string name, int index)
    {
        var norm = TensorPrimitives.Norm(row);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new FaceCompatException($"{name}: row {index} cannot be L2-normalised (norm {norm}).");
        return 1.0 / norm;
    }

    /// <summary>
    /// Leading principal axes of the (centred) train rows from the covariance's eigendecomposition,
    /// each axis signed so its largest-magnitude coefficient is positive (deterministic).
    /// </summary>
    private static (Matrix Projection, Matrix Reconstruction) FitPca(Matrix centered, int k, bool whiten, string name)
    {
        var d = centered.Cols;
        if (k < 1 || k > d) throw new FaceCompatException($"{name}: PCA dimension {k} must lie in 1..{d}.");
        var covariance = centered.Gram();
        var scale = 1.0 / Math.Max(1, centered.Rows - 1);
        for (var i = 0; i < covariance.Data.Length; i++) covariance.Data[i] *= scale;
        var eig = Decompositions.SymmetricEigen(covariance);
        var largest = eig.Values[^1];
        var projection = new Matrix(d, k);
        var reconstruction = new Matrix(k, d);
        for (var c = 0; c < k; c++)
        {
            var source = d - 1 - c; // descending order
            var variance = eig.Values[source];
            if (!(variance > 1e-12 * largest))
                throw new FaceCompatException($"{name}: PCA dimension {k} exceeds the rank of the train rows (component {c + 1} has no variance).");
            var sign = 1.0;
            var peak = 0.0;
            for (var i = 0; i < d; i++)
                if (Math.Abs(eig.Vectors[i, source]) > peak) { peak = Math.Abs(eig.Vectors[i, source]); sign = Math.Sign(eig.Vectors[i, source]); }
            var s = whiten ? 1.0 / Math.Sqrt(variance) : 1.0;
            for (var i = 0; i < d; i++)
            {
                var v = sign * eig.Vectors[i, source];
                projection[i, c] = v * s;
                reconstruction[c, i] = v / s;
            }
        }
        return (projection, reconstruction);
    }
}
