using System.Globalization;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>The linear solves behind least squares and ridge, on the active block of a training pair.</summary>
internal static class LinearSolvers
{
    /// <summary>
    /// Ratio of the smallest to the largest eigenvalue of X^T X above which the normal equations are
    /// solved (through the Gram matrix's tridiagonal form): the relative error is then about eps x 1e8 ≈ 2e-8 of the exact
    /// minimum-norm solution. Below it (or when rank-deficient) LAPACK dgelsd runs on X itself, as numpy's lstsq.
    /// </summary>
    public const double NormalEquationsMinRatio = 1e-8;

    /// <summary>
    /// The minimum-norm least-squares W (D x D') of X W ≈ Y, as numpy's <c>lstsq(X, Y, rcond)</c>
    /// (rcond default eps x max(n, D)), as its a x b active block: padding columns of X get zero rows, as the minimum
    /// norm demands, and padding columns of Y zero columns.
    /// </summary>
    public static Matrix MinNormLeastSquares(TrainingPair pair, double? rcond, Dictionary<string, string> notes, bool forceLapack = false)
    {
        int a = pair.SourceActive, b = pair.TargetActive;
        var form = pair.GramTridiagonal; // the decomposition every ridge of this training set solves from
        var eigenvalues = form.Eigenvalues;
        // Stryker disable once Conditional,Equality : a training set has at least one active column, so there is always an eigenvalue
        var largest = eigenvalues.Length > 0 ? eigenvalues[^1] : 0;
        // Stryker disable once Conditional,Equality : a training set has at least one active column, so there is always an eigenvalue
        var smallest = eigenvalues.Length > 0 ? eigenvalues[0] : 0;
        // Stryker disable once Conditional,Equality : an all-zero Gram gives 0 / 0 = NaN, which fails the test below as 0 does
        var ratio = largest > 0 ? smallest / largest : 0;
        notes["gram_eigenvalue_ratio"] = ratio.ToString("G6", CultureInfo.InvariantCulture);
        Matrix block;
        // Stryker disable once Equality : at exactly the boundary ratio either route solves a system conditioned well enough
        if (!forceLapack && rcond is null && pair.Count >= a && ratio > NormalEquationsMinRatio)
        {
            // The normal equations X^T X W = X^T Y through the tridiagonal form ridge shares: W = Q T^-1 (Q^T X^T Y).
            block = form.ApplyQ(form.SolveShifted(pair.TridiagonalCross, 0));
            notes["solver"] = "normal equations (tridiagonal form; well conditioned)";
        }
        else
        {
            var x = TrainingPair.LeadingColumns(pair.Source, a);
            var y = TrainingPair.LeadingColumns(pair.Target, b);
            block = Decompositions.LeastSquares(x, y, rcond ?? Decompositions.MachineEpsilon * Math.Max(pair.Count, pair.SourceDimension));
            notes["solver"] = "dgelsd (SVD, minimum norm)";
        }
        return block;
    }

    /// <summary>
    /// Ridge without intercept: W = (X^T X + alpha I)^-1 X^T Y, as scikit-learn's Ridge(fit_intercept=False). Solved from
    /// the Gram matrix's tridiagonal form X^T X = Q T Q^T shared by every alpha of the training set:
    /// W = Q (T + alpha I)^-1 (Q^T X^T Y), a tridiagonal solve and one application of Q per alpha. Returns W's a x b
    /// active block (W is zero elsewhere).
    /// </summary>
    public static Matrix Ridge(TrainingPair pair, double alpha)
    {
        var form = pair.GramTridiagonal;
        return form.ApplyQ(form.SolveShifted(pair.TridiagonalCross, alpha));
    }

    /// <summary>The orthogonal polar factor U V^T of a square matrix (the nearest orthogonal matrix).</summary>
    public static (Matrix Orthogonal, double[] SingularValues) PolarFactor(Matrix m)
    {
        var svd = Decompositions.ThinSvd(m);
        return (svd.U.Multiply(svd.Vt), svd.S);
    }
}
