namespace FaceCompat.Studies;

/// <summary>
/// Who compares what, for a model upgrade A → B (docs/protocol.md, "Operating points"). Every scenario but
/// <see cref="NativeA"/> runs at the target system's thresholds.
/// </summary>
public enum Scenario
{
    /// <summary>B templates against B probes: re-enrolment, the upper bound. Calibrates the thresholds.</summary>
    NativeB,

    /// <summary>A templates against A probes at A's own thresholds: the old system as it runs.</summary>
    NativeA,

    /// <summary>The gallery's A templates migrated into B's space by the map, against native B probes.</summary>
    Migrated,

    /// <summary>A probes migrated into B's space by the map, against the native B gallery (differs from
    /// <see cref="Migrated"/> only in open-set search: over all ordered pairs the two score the same comparisons).</summary>
    ProbeMapped,

    /// <summary>A templates carried into B's coordinates without a map (preparation only): the lower bound.</summary>
    Unaligned,

    /// <summary>Leaked A templates mapped by a map fitted on another dataset, presented against other images' native B
    /// templates: genuine accepts are attack successes, impostor accepts its false accepts.</summary>
    Exposure,

    /// <summary>As <see cref="Exposure"/>, against B's template of the same photograph.</summary>
    ExposureSameImage,
}

internal static class ScenarioNames
{
    public static string Name(this Scenario scenario) => scenario switch
    {
        Scenario.NativeB => "native-b",
        Scenario.NativeA => "native-a",
        Scenario.Migrated => "migrated",
        Scenario.ProbeMapped => "probe-mapped",
        Scenario.Unaligned => "unaligned",
        Scenario.Exposure => "exposure",
        Scenario.ExposureSameImage => "exposure-same-image",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The scenario of a name in an output file (native-b, migrated, ...), or null.</summary>
    public static Scenario? Parse(string name) =>
        Enum.GetValues<Scenario>().Cast<Scenario?>().FirstOrDefault(s => s!.Value.Name() == name);
}

/// <summary>The two tasks evaluated at operating points.</summary>
public enum OperatingTask { Verification, OpenSet }
