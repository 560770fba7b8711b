using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>CCA's number of components (default the smaller prepared dimension) and covariance regularisation.</summary>
public sealed record CcaParameters(int? Components = null, double? Reg = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() => Text("components", Components).Concat(Text("reg", Reg));
}

/// <summary>
/// Canonical correlation analysis (closed form): with covariances Cxx, Cyy (each + reg x mean
/// eigenvalue x I) and Cxy, the SVD of Cxx^-1/2 Cxy Cyy^-1/2 = U S V^T gives A = Cxx^-1/2 U_k and
/// B = Cyy^-1/2 V_k. Both sides are compared in the k-dimensional canonical space: x A against y B.
/// </summary>
internal sealed class CcaFitter(int? components, double reg) : IMapFitter
{
    public const double DefaultReg = 1e-4;

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("cca", MapRole.Fitted,
        "canonical correlation analysis, both sides in the canonical space", [], ["components", "reg"], new CcaParameters(),
        t => new CcaParameters(t.OptionalInt("components", v => v > 0, "a positive integer"),
            t.OptionalDouble("reg", v => v >= 0 && double.IsFinite(v), "a non-negative number")),
        (p, _) => new CcaFitter(p.Components, p.Reg ?? DefaultReg));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = components is { } k
        ? new Dictionary<string, string> { ["components"] = k.ToString(CultureInfo.InvariantCulture), ["reg"] = FittedMap.Number(reg) }
        : new Dictionary<string, string> { ["reg"] = FittedMap.Number(reg) };

    public FittedMap Fit(TrainingPair pair)
    {
        int a = pair.SourceActive, b = pair.TargetActive;
        var k = components ?? Math.Min(a, b);
        if (k < 1 || k > Math.Min(a, b))
            throw new FaceCompatException($"cca: components={k} must lie in 1..{Math.Min(a, b)}.");
        var scale = 1.0 / Math.Max(1, pair.Count - 1);
        var cxx = Scaled(pair.SourceGram, scale);
        var y = TrainingPair.LeadingColumns(pair.Target, b);
        var cyy = Scaled(y.Gram(), scale);
        var cxy = Scaled(pair.Cross, scale);
        var wx = InverseSquareRoot(cxx, reg);
        var wy = InverseSquareRoot(cyy, reg);
        var svd = Decompositions.ThinSvd(wx.Multiply(cxy).Multiply(wy));
        var u = new Matrix(a, k);
        var v = new Matrix(b, k);
        for (var i = 0; i < a; i++) svd.U.Row(i)[..k].CopyTo(u.Row(i));
        for (var i = 0; i < b; i++)
            for (var c = 0; c < k; c++) v[i, c] = svd.Vt[c, i];
        var sourceWeights = TrainingPair.Embed(wx.Multiply(u), pair.SourceDimension, k);
        var targetWeights = TrainingPair.Embed(wy.Multiply(v), pair.TargetDimension, k);
        var notes = new Dictionary<string, string>
        {
            ["canonical_correlations_top"] = string.Join(" ", svd.S.Take(Math.Min(5, k)).Select(s => s.ToString("F4", CultureInfo.InvariantCulture))),
        };
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(sourceWeights), new LinearHead(targetWeights), notes);
    }

    private static Matrix Scaled(Matrix m, double s)
    {
        var c = m.Clone();
        for (var i = 0; i < c.Data.Length; i++) c.Data[i] *= s;
        return c;
    }

    /// <summary>(C + reg x mean(eigenvalues) x I)^-1/2 through the eigendecomposition.</summary>
    private static Matrix InverseSquareRoot(Matrix c, double reg)
    {
        var eig = Decompositions.SymmetricEigen(c);
        var shift = reg * Math.Max(eig.Values.Average(), double.Epsilon);
        var n = c.Rows;
        var scaled = eig.Vectors.Clone();
        for (var j = 0; j < n; j++)
        {
            var value = eig.Values[j] + shift;
            if (!(value > 0)) throw new FaceCompatException("cca: a covariance is not positive definite; raise reg.");
            var f = 1.0 / Math.Sqrt(value);
            for (var i = 0; i < n; i++) scaled[i, j] *= f;
        }
        return Matrix.Multiply(scaled, false, eig.Vectors, true);
    }
}
