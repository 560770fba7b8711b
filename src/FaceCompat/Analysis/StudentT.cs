namespace FaceCompat.Analysis;

/// <summary>The two-sided 95% quantile of Student's t (t_0.975) by degrees of freedom.</summary>
internal static class StudentT
{
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>t_0.975 with <paramref name="dof"/> ≥ 1 degrees of freedom (table to 30, then 2.000 / 1.980 / 1.960).</summary>
    public static double Quantile975(int dof) =>
        dof < 1 ? throw new ArgumentOutOfRangeException(nameof(dof)) : dof <= T975.Length ? T975[dof - 1] : dof <= 60 ? 2.000 : dof <= 120 ? 1.980 : 1.960;
}
