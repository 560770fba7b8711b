using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>A pair-free starting map from matched cluster centroids.</summary>
/// <param name="Weights">a x b: the orthogonal factor of the coupled centroids' cross-covariance.</param>
/// <param name="Loss">The Gromov–Wasserstein loss of the centroid coupling (lower: the two shapes agree better).</param>
internal sealed record CentroidStart(Matrix Weights, double Loss);

/// <summary>
/// The "gw" start: k-means on each side separately, the centroids coupled by entropic Gromov–Wasserstein on their
/// cosine similarities (from the signature start), then the map W₀ = U Vᵀ of Σ_ij T_ij c_i d_jᵀ = Cᵀ T D, the
/// Procrustes solution for centroid pairs weighted by the coupling. Reads rows only: no pairs, no labels.
/// </summary>
internal static class CentroidMatching
{
    /// <summary>The temperatures of the Gromov–Wasserstein steps: lowered from a smooth plan to a nearly hard one.</summary>
    private static readonly double[] Epsilons = [0.02, 0.01, 0.005, 0.002];

    public static CentroidStart Start(Matrix sourceUnit, Matrix targetUnit, int clusters, NumpyRandomState random)
    {
        var k = Math.Min(clusters, Math.Min(sourceUnit.Rows, targetUnit.Rows));
        var source = SphericalKMeans.Fit(sourceUnit, k, 20, random);
        var target = SphericalKMeans.Fit(targetUnit, k, 20, random);
        var a = Matrix.Multiply(source.Centroids, false, source.Centroids, true);
        var b = Matrix.Multiply(target.Centroids, false, target.Centroids, true);
        var start = GromovWasserstein.SignatureStart(a, source.Weights, b, target.Weights);
        var gw = GromovWasserstein.Couple(a, source.Weights, b, target.Weights, start, Epsilons, 20, 300);
        return new CentroidStart(Map(source.Centroids, gw.Coupling, target.Centroids), gw.Loss);
    }

    /// <summary>U Vᵀ of Cᵀ T D (a x b).</summary>
    internal static Matrix Map(Matrix sourceCentroids, Matrix coupling, Matrix targetCentroids)
    {
        var cross = Matrix.Multiply(sourceCentroids, true, coupling.Multiply(targetCentroids), false);
        var svd = Decompositions.ThinSvd(cross);
        return svd.U.Multiply(svd.Vt);
    }
}
