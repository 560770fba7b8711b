namespace FaceCompat.Evaluation;

/// <summary>Verification metrics of one score set (genuine = positive).</summary>
public sealed class VerificationResult
{
    /// <summary>The operating points reported: FMR 1e-4, 1e-3, 1e-2, 1e-1.</summary>
    public static IReadOnlyList<double> StandardFmrs { get; } = [1e-4, 1e-3, 1e-2, 1e-1];

    internal VerificationResult(RocCurve roc, int genuineCount, int impostorCount)
    {
        Roc = roc;
        GenuineCount = genuineCount;
        ImpostorCount = impostorCount;
        Auc = roc.Auc();
        Eer = roc.Eer();
        var nearest = new double[StandardFmrs.Count];
        var interpolated = new double[StandardFmrs.Count];
        for (var i = 0; i < StandardFmrs.Count; i++)
        {
            nearest[i] = roc.TmrAtFmrNearest(StandardFmrs[i]);
            interpolated[i] = roc.TmrAtFmrInterpolated(StandardFmrs[i]);
        }
        TmrAtFmrNearest = nearest;
        TmrAtFmrInterpolated = interpolated;
    }

    public RocCurve Roc { get; }
    public int GenuineCount { get; }
    public int ImpostorCount { get; }
    public double Auc { get; }
    public double Eer { get; }

    /// <summary>The reference's nearest-ROC-point TMR at each of <see cref="StandardFmrs"/>.</summary>
    public IReadOnlyList<double> TmrAtFmrNearest { get; }

    /// <summary>Interpolated TMR at each of <see cref="StandardFmrs"/>.</summary>
    public IReadOnlyList<double> TmrAtFmrInterpolated { get; }
}
