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
/// <param name="orthogonal">W is square and orthogonal (Procrustes, random-orthogonal), so ‖z W‖ = ‖z‖: scoring then
/// needs only the columns of z W that meet the gallery (<see cref="ScoringOperands"/>).</param>
internal sealed class LinearHead(Matrix weights, bool orthogonal = false) : MapHead
{
    public Matrix Weights { get; } = weights;
    public bool Orthogonal { get; } = orthogonal && weights.Rows == weights.Cols;
    public override string Kind => "linear";
    public override int InputDimension => Weights.Rows;
    public override int OutputDimension => Weights.Cols;

    // Zero padding of the prepared rows and zero borders of W (least squares, ridge) are skipped.
    public override Matrix Apply(Matrix prepared) => prepared.MultiplyLeadingBlocks(Weights);

    internal override JsonObject Save(string directory, string prefix)
    {
        var file = prefix + "_weights.npy";
        NpyWriter.WriteMatrix(Path.Combine(directory, file), Weights);
        return new JsonObject { ["kind"] = Kind, ["matrix"] = file };
    }
}

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
