using System.Globalization;
using FaceCompat.Mapping.Unpaired;

namespace FaceCompat.Mapping.Maps;

/// <summary>The unsupervised map's budget and seed (a null parameter takes its default; the seed defaults to the split's).</summary>
public sealed record UnsupervisedProcrustesParameters(int? Restarts = null, int? Iterations = null, int? CslsK = null, int? Seed = null,
    int? InitAxes = null, int? ScreenRows = null, int? MaxRows = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() =>
        Text("restarts", Restarts).Concat(Text("iterations", Iterations)).Concat(Text("csls-k", CslsK)).Concat(Text("seed", Seed))
            .Concat(Text("init-axes", InitAxes)).Concat(Text("screen-rows", ScreenRows)).Concat(Text("max-rows", MaxRows));
}

/// <summary>
/// Orthogonal Procrustes fitted without pairs (<see cref="SelfLearningProcrustes"/>): it sees the source rows and the
/// target rows as two unordered sets. In a comparison it is given rows of different images (see the comparison's
/// unpaired input); given a training pair it throws the pairing away first.
/// </summary>
internal sealed class UnsupervisedProcrustesFitter(SelfLearningSettings settings) : IUnpairedMapFitter
{
    public static readonly SelfLearningSettings Defaults = new(Restarts: 8, Iterations: 20, CslsK: 10, Seed: 0, InitAxes: 32, ScreenRows: 2000, MaxRows: 5000);

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("unsupervised-procrustes", MapRole.Fitted,
        "orthogonal Procrustes without pairs: principal-axis start, CSLS mutual-neighbour self-learning, restarts chosen by mean match cosine",
        ["unsupervised"], ["restarts", "iterations", "csls-k", "seed", "init-axes", "screen-rows", "max-rows"], new UnsupervisedProcrustesParameters(),
        t => new UnsupervisedProcrustesParameters(
            t.OptionalInt("restarts", v => v >= 1, "a positive integer"),
            t.OptionalInt("iterations", v => v >= 1, "a positive integer"),
            t.OptionalInt("csls-k", v => v >= 1, "a positive integer"),
            t.OptionalInt("seed", v => v >= 0, "a non-negative integer"),
            t.OptionalInt("init-axes", v => v >= 1, "a positive integer"),
            t.OptionalInt("screen-rows", v => v >= 2, "an integer of at least 2"),
            t.OptionalInt("max-rows", v => v >= 2, "an integer of at least 2")),
        (p, splitSeed) => new UnsupervisedProcrustesFitter(new SelfLearningSettings(
            p.Restarts ?? Defaults.Restarts, p.Iterations ?? Defaults.Iterations, p.CslsK ?? Defaults.CslsK, p.Seed ?? splitSeed ?? Defaults.Seed,
            p.InitAxes ?? Defaults.InitAxes, p.ScreenRows ?? Defaults.ScreenRows, p.MaxRows ?? Defaults.MaxRows)));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["restarts"] = Text(settings.Restarts),
        ["iterations"] = Text(settings.Iterations),
        ["csls-k"] = Text(settings.CslsK),
        ["seed"] = Text(settings.Seed),
        ["init-axes"] = Text(settings.InitAxes),
        ["screen-rows"] = Text(settings.ScreenRows),
        ["max-rows"] = Text(settings.MaxRows),
    };

    public FittedMap Fit(TrainingPair pair) => Fit(UnpairedRows.Of(pair));

    public FittedMap Fit(UnpairedRows rows)
    {
        var fit = SelfLearningProcrustes.Fit(rows, settings);
        var notes = new Dictionary<string, string>
        {
            ["chosen_restart"] = Text(fit.Chosen),
            ["restart_criteria"] = string.Join(" ", fit.Restarts.Select(r => r.Criterion.ToString("F6", CultureInfo.InvariantCulture))),
            ["restart_flipped_axes"] = string.Join(" ", fit.Restarts.Select(r => Text(r.FlippedAxes))),
            ["criterion"] = fit.Criterion.ToString("R", CultureInfo.InvariantCulture),
            ["iterations"] = Text(fit.Iterations),
            ["converged"] = fit.Converged ? "true" : "false",
            ["pseudo_pairs"] = Text(fit.Pairs),
            ["init_axes"] = Text(fit.InitAxes),
            ["source_rows"] = Text(fit.SourceRows),
            ["target_rows"] = Text(fit.TargetRows),
        };
        return new FittedMap(Name, Parameters, rows.Preparation, new LinearHead(fit.Weights), new IdentityHead(rows.Target.Cols), notes);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
