using System.Text.Json.Nodes;
using FaceCompat.Embeddings;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// What a fitted map does to prepared rows of one side. Kinds (as saved in map.json):
/// <c>identity</c>: z; <c>linear</c>: z W; <c>poly2-kernel</c>: k(z, Z_train) A with
/// k(u, v) = 1 + u.v + ((u.v)^2 + (u*u).(v*v)) / 2 (the dual form of ridge on degree-2 polynomial features).
/// </summary>
internal abstract class MapHead
{
    public abstract string Kind { get; }
    public abstract int InputDimension { get; }
    public abstract int OutputDimension { get; }
    public abstract Matrix Apply(Matrix prepared);

    internal abstract JsonObject Save(string directory, string prefix);

    internal static MapHead Load(JsonObject json, string directory, string name)
    {
        var kind = (string?)json["kind"];
        return kind switch
        {
            "identity" => new IdentityHead((int)json["dimension"]!),
            "linear" => new LinearHead(MapFiles.ReadMatrix(directory, (string)json["matrix"]!)),
            "poly2-kernel" => new Poly2KernelHead(
                MapFiles.ReadMatrix(directory, (string)json["train_rows"]!),
                MapFiles.ReadMatrix(directory, (string)json["dual_coefficients"]!)),
            _ => throw new Infrastructure.FaceCompatException($"{name}: unknown transform kind '{kind}'."),
        };
    }
}

/// <summary>z itself.</summary>
internal sealed class IdentityHead(int dimension) : MapHead
{
    public override string Kind => "identity";
    public override int InputDimension => dimension;
    public override int OutputDimension => dimension;
    public override Matrix Apply(Matrix prepared) => prepared;

    internal override JsonObject Save(string directory, string prefix) =>
        new() { ["kind"] = Kind, ["dimension"] = dimension };
}

/// <summary>z W.</summary>
/// <remarks>
/// W may be known first only by the block of it that scoring reads (<see cref="Known"/>) and made whole on the first read
/// of <see cref="Weights"/> (saving, applying): least squares and ridge between a 1,024-d and a 128-d space are a
/// 1,024 x 128 block bordered by zeros, and an orthogonal W's leading rows (source padded) or columns (target padded)
/// come from a thin SVD of the cross-covariance, not the full one whose 1,024² factor only completes W.
/// </remarks>
internal sealed class LinearHead : MapHead
{
    private readonly Func<Matrix>? complete;
    private Matrix? weights;

    /// <param name="orthogonal">W is square and orthogonal (Procrustes, random-orthogonal), so ‖z W‖ = ‖z‖: scoring then
    /// needs only the columns of z W that meet the gallery (<see cref="ScoringOperands"/>).</param>
    public LinearHead(Matrix weights, bool orthogonal = false)
    {
        this.weights = weights;
        (InputDimension, OutputDimension) = (weights.Rows, weights.Cols);
        Orthogonal = orthogonal && weights.Rows == weights.Cols;
    }

    private LinearHead(WeightBlock known, int rows, int columns, bool orthogonal, Func<Matrix> complete)
    {
        if (known.Values.Rows > rows || known.Values.Cols > columns)
            throw new ArgumentException($"A {known.Values.Rows} x {known.Values.Cols} block does not fit a {rows} x {columns} W.", nameof(known));
        (Known, this.complete, InputDimension, OutputDimension, Orthogonal) = (known, complete, rows, columns, orthogonal);
    }

    /// <summary>W = [[block, 0], [0, 0]] (rows x columns), made whole only when read.</summary>
    public static LinearHead ZeroBordered(Matrix block, int rows, int columns) =>
        new(new WeightBlock(block, WeightBlockKind.ZeroBordered), rows, columns, orthogonal: false,
            () => TrainingPair.Embed(block, rows, columns));

    /// <summary>An orthogonal d x d W known by its leading rows or columns; <paramref name="complete"/> gives the whole W
    /// (whose block must hold the known values) when it is first read.</summary>
    public static LinearHead OrthogonalFromBlock(WeightBlock known, int dimension, Func<Matrix> complete)
    {
        // Stryker disable once Equality : a zero-bordered block is refused either way (it is not a block of an orthogonal W)
        if (known.Kind == WeightBlockKind.ZeroBordered
            || (known.Kind == WeightBlockKind.LeadingRows ? known.Values.Cols : known.Values.Rows) != dimension)
            throw new ArgumentException($"A {known.Kind} block of a {dimension} x {dimension} orthogonal W cannot be {known.Values.Rows} x {known.Values.Cols}.", nameof(known));
        return new LinearHead(known, dimension, dimension, orthogonal: true, complete);
    }

    /// <summary>W (made whole on first read when the head was made from a block).</summary>
    // Stryker disable once Assignment : caching only
    public Matrix Weights => weights ??= complete!();

    /// <summary>Whether W is held whole (made whole, or completed by a read of <see cref="Weights"/>).</summary>
    internal bool IsComplete => weights is not null;

    /// <summary>The block of W known before it is made whole, or null when W was made whole.</summary>
    public WeightBlock? Known { get; }

    public bool Orthogonal { get; }
    public override string Kind => "linear";
    public override int InputDimension { get; }
    public override int OutputDimension { get; }

    /// <summary>
    /// A matrix M that holds W over its first <paramref name="rows"/> rows and <paramref name="columns"/> columns:
    /// W[i, j] = M[i, j] where M has the entry, and W[i, j] = 0 where it has not. The known block when it covers that
    /// region (W is then not made whole), else W.
    /// </summary>
    public Matrix Covering(int rows, int columns) =>
        weights is null && Known is { } known && known.Kind switch
        {
            WeightBlockKind.LeadingRows => rows <= known.Values.Rows,
            WeightBlockKind.LeadingColumns => columns <= known.Values.Cols,
            _ => true,
        } ? known.Values : Weights;

    // Zero padding of the prepared rows and zero borders of W (least squares, ridge) are skipped.
    public override Matrix Apply(Matrix prepared) => prepared.MultiplyLeadingBlocks(Weights);

    internal override JsonObject Save(string directory, string prefix)
    {
        var file = prefix + "_weights.npy";
        NpyWriter.WriteMatrix(Path.Combine(directory, file), Weights);
        return new JsonObject { ["kind"] = Kind, ["matrix"] = file };
    }
}

/// <summary>What a <see cref="WeightBlock"/> holds of W.</summary>
internal enum WeightBlockKind
{
    /// <summary>W[:k, :], a k x d matrix (the rest of W unknown until completed).</summary>
    LeadingRows,
    /// <summary>W[:, :k], a d x k matrix (the rest of W unknown until completed).</summary>
    LeadingColumns,
    /// <summary>W's leading block; every entry of W outside it is zero.</summary>
    ZeroBordered,
}

/// <summary>A block of a linear head's W (see <see cref="WeightBlockKind"/>).</summary>
internal sealed record WeightBlock(Matrix Values, WeightBlockKind Kind);

/// <summary>k(z, Z_train) A with the degree-2 polynomial kernel (see <see cref="MapHead"/>).</summary>
/// <param name="memo">Where kernels against the same query rows are kept (a study applies one source against every target), or null.</param>
internal sealed class Poly2KernelHead(Matrix trainRows, Matrix dualCoefficients, WorkMemo? memo = null) : MapHead
{
    public Matrix TrainRows { get; } = trainRows;
    public Matrix DualCoefficients { get; } = dualCoefficients;
    public override string Kind => "poly2-kernel";
    public override int InputDimension => TrainRows.Cols;
    public override int OutputDimension => DualCoefficients.Cols;

    public override Matrix Apply(Matrix prepared)
    {
        var (a, b) = WithoutZeroPadding(prepared, TrainRows);
        // Stryker disable once all : the memo only saves recomputing the same kernel
        var kernel = memo is null ? Kernel(a, b) : memo.GetOrAdd(new MemoKey("poly2-kernel", "", WorkMemo.Digest(a), WorkMemo.Digest(b)), () => Kernel(a, b));
        return kernel.MultiplyLeadingBlocks(DualCoefficients);
    }

    /// <summary>K[i, j] = 1 + u.v + ((u.v)^2 + (u*u).(v*v)) / 2 for u = a[i], v = b[j]: the inner product of degree-2 polynomial features.</summary>
    public static Matrix Kernel(Matrix a, Matrix b)
    {
        (a, b) = WithoutZeroPadding(a, b);
        var dot = Matrix.Multiply(a, false, b, true);
        var squares = Matrix.Multiply(Square(a), false, Square(b), true);
        for (var i = 0; i < dot.Data.Length; i++)
        {
            var d = dot.Data[i];
            dot.Data[i] = 1 + d + 0.5 * (d * d + squares.Data[i]);
        }
        return dot;
    }

    /// <summary>Both sides without the trailing columns that are zero in either (zero padding adds nothing to u.v or (u*u).(v*v)).</summary>
    private static (Matrix A, Matrix B) WithoutZeroPadding(Matrix a, Matrix b)
    {
        // Stryker disable once Equality : dropping columns that are zero in either side changes no product
        if (a.Cols != b.Cols) return (a, b);
        // Stryker disable once Linq : dropping columns that are zero in either side changes no product
        var active = Math.Min(a.LeadingNonZeroColumns(), b.LeadingNonZeroColumns());
        // Stryker disable once all : dropping columns that are zero in either side changes no product
        return active == a.Cols ? (a, b) : (TrainingPair.LeadingColumns(a, active), TrainingPair.LeadingColumns(b, active));
    }

    private static Matrix Square(Matrix x)
    {
        var s = x.Clone();
        for (var i = 0; i < s.Data.Length; i++) s.Data[i] *= s.Data[i];
        return s;
    }

    internal override JsonObject Save(string directory, string prefix)
    {
        string rows = prefix + "_train_rows.npy", coef = prefix + "_dual_coefficients.npy";
        NpyWriter.WriteMatrix(Path.Combine(directory, rows), TrainRows);
        NpyWriter.WriteMatrix(Path.Combine(directory, coef), DualCoefficients);
        return new JsonObject { ["kind"] = Kind, ["train_rows"] = rows, ["dual_coefficients"] = coef };
    }
}
