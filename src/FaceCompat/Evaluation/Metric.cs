namespace FaceCompat.Evaluation;

/// <summary>The task a metric measures.</summary>
public enum MetricTask { Identification, Verification }

/// <summary>Which way a metric improves.</summary>
public enum MetricDirection { HigherIsBetter, LowerIsBetter, Neither }

/// <summary>What a metric's values are: a fraction in [0, 1], a ratio (may exceed 1), a count, or a similarity score.</summary>
public enum MetricScale { Rate, Ratio, Count, Score }

/// <summary>
/// One metric of the results: its name in output files, task, direction and scale, and how the study treats it.
/// <see cref="Metrics"/> registers every metric; rows, tables, bootstraps and paired tests derive from it.
/// </summary>
public sealed record Metric(string Name, MetricTask Task, MetricDirection Direction, MetricScale Scale)
{
    /// <summary>Its title in the paper tables; tabulated (per dataset and protocol) when set.</summary>
    public string? TableTitle { get; init; }

    /// <summary>Kept in sweep units (data efficiency, alpha sweep), which keep the headline metrics only.</summary>
    public bool Headline { get; init; }

    /// <summary>A point of a curve (CMC at one rank): in a comparison's rows, in a study's curves instead of its rows.</summary>
    public bool CurvePoint { get; init; }

    /// <summary>Paired-tested over seeds against the unaligned baseline.</summary>
    public bool PairedTested { get; init; }

    /// <summary>The value of an identification result (identification metrics measured directly).</summary>
    internal Func<IdentificationResult, double>? OfIdentification { get; init; }

    /// <summary>Per evaluated query, the values whose mean is the metric: bootstrapped over test identities when set.</summary>
    internal Func<IdentificationResult, IReadOnlyList<double>>? PerQuery { get; init; }

    /// <summary>The value of a verification result (verification metrics measured directly).</summary>
    internal Func<VerificationResult, double>? OfVerification { get; init; }

    public bool Bootstrapped => PerQuery is not null;

    public string TaskName => Task.Name();

    public override string ToString() => Name;
}

internal static class MetricTaskNames
{
    /// <summary>The task's name in output files: identification or verification.</summary>
    public static string Name(this MetricTask task) => task switch
    {
        MetricTask.Identification => "identification",
        MetricTask.Verification => "verification",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };
}
