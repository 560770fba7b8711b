using FaceCompat.Mapping.Maps;

namespace FaceCompat.Mapping;

/// <summary>
/// Every map this library fits, in the order results and reports list them: the fitted maps, then the
/// baseline, then the controls. Lists of map names (help text, report order, controls) derive from it.
/// </summary>
public static class MapRegistry
{
    public static IReadOnlyList<MapDescriptor> All { get; } =
    [
        ProcrustesFitter.Descriptor,
        ScaledProcrustesFitter.Descriptor,
        LeastSquaresFitter.Descriptor,
        RidgeFitter.Descriptor,
        CcaFitter.Descriptor,
        ReducedRankFitter.Descriptor,
        Poly2RidgeFitter.Descriptor,
        UnsupervisedProcrustesFitter.Descriptor,
        HubProcrustesFitter.Descriptor,
        UnalignedFitter.Descriptor,
        ShuffledControlFitter.Descriptor,
        RandomOrthogonalFitter.Descriptor,
    ];

    /// <summary>The unaligned baseline every fitted map is tested against.</summary>
    public static MapDescriptor Baseline { get; } = All.Single(m => m.Role == MapRole.Baseline);

    public static IReadOnlyList<MapDescriptor> Controls { get; } = All.Where(m => m.Role == MapRole.Control).ToArray();

    /// <summary>The three maps of the reference protocol: Procrustes, least squares, ridge (alpha 0.1).</summary>
    public static IReadOnlyList<MapSpec> Reference { get; } =
        [ProcrustesFitter.Descriptor.Spec(), LeastSquaresFitter.Descriptor.Spec(), RidgeFitter.Descriptor.Spec()];

    /// <summary>A comparison's default: the reference maps, the baseline and every control.</summary>
    public static IReadOnlyList<MapSpec> ComparisonDefault { get; } = [.. Reference, Baseline.Spec(), .. Controls.Select(c => c.Spec())];

    /// <summary>The map of a name or alias (case-insensitive), or null.</summary>
    public static MapDescriptor? Find(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        return All.FirstOrDefault(m => m.Name == key || m.Aliases.Contains(key));
    }

    public static MapDescriptor Procrustes => ProcrustesFitter.Descriptor;
    public static MapDescriptor ScaledProcrustes => ScaledProcrustesFitter.Descriptor;
    public static MapDescriptor LeastSquares => LeastSquaresFitter.Descriptor;
    public static MapDescriptor Ridge => RidgeFitter.Descriptor;
    public static MapDescriptor Cca => CcaFitter.Descriptor;
    public static MapDescriptor ReducedRank => ReducedRankFitter.Descriptor;
    public static MapDescriptor Poly2Ridge => Poly2RidgeFitter.Descriptor;
    public static MapDescriptor UnsupervisedProcrustes => UnsupervisedProcrustesFitter.Descriptor;
    public static MapDescriptor HubProcrustes => HubProcrustesFitter.Descriptor;
    public static MapDescriptor Unaligned => UnalignedFitter.Descriptor;
    public static MapDescriptor Shuffled => ShuffledControlFitter.Descriptor;
    public static MapDescriptor RandomOrthogonal => RandomOrthogonalFitter.Descriptor;

    /// <summary>One line per map: name, aliases, parameters, description.</summary>
    public static IEnumerable<string> Describe() => All.Select(m => m.Describe());

    /// <summary>A position for ordering maps by name as this registry lists them; unknown names after every known one.</summary>
    public static int Order(string name) => All.Select(m => m.Name).ToList().IndexOf(name) is var i and >= 0 ? i : All.Count;
}
