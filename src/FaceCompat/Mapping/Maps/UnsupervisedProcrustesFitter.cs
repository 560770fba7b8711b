using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping.Unpaired;

namespace FaceCompat.Mapping.Maps;

/// <summary>The unsupervised map's budget and seed (a null parameter takes its default; the seed defaults to the split's).</summary>
public sealed record UnsupervisedProcrustesParameters(int? Restarts = null, int? Iterations = null, int? CslsK = null, int? Seed = null,
    int? InitAxes = null, int? ScreenRows = null, int? MaxRows = null, UnpairedStart? Init = null, int? Clusters = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() =>
        (Init is { } init ? [new KeyValuePair<string, string>("init", init.Name())] : Enumerable.Empty<KeyValuePair<string, string>>())
            .Concat(Text("restarts", Restarts)).Concat(Text("iterations", Iterations)).Concat(Text("csls-k", CslsK)).Concat(Text("seed", Seed))
            .Concat(Text("init-axes", InitAxes)).Concat(Text("clusters", Clusters)).Concat(Text("screen-rows", ScreenRows)).Concat(Text("max-rows", MaxRows));
}

/// <summary>
/// Orthogonal Procrustes fitted without pairs (<see cref="SelfLearningProcrustes"/>): it sees the source rows and the
/// target rows as two unordered sets. In a comparison it is given rows of different images (see the comparison's
/// unpaired input); given a training pair it throws the pairing away first.
/// </summary>
internal sealed class UnsupervisedProcrustesFitter(SelfLearningSettings settings) : IUnpairedMapFitter
{
    public static readonly SelfLearningSettings Defaults = new(Restarts: 8, Iterations: 20, CslsK: 10, Seed: 0, InitAxes: 32, ScreenRows: 2000, MaxRows: 5000,
        Start: UnpairedStart.Gw, Clusters: 100);

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("unsupervised-procrustes", MapRole.Fitted,
        "orthogonal Procrustes without pairs: principal-axis (init=axes) or Gromov-Wasserstein centroid (init=gw) start, CSLS mutual-neighbour self-learning, restarts chosen by mean match cosine",
        ["unsupervised"], ["init", "restarts", "iterations", "csls-k", "seed", "init-axes", "clusters", "screen-rows", "max-rows"], new UnsupervisedProcrustesParameters(),
        t => new UnsupervisedProcrustesParameters(
            t.OptionalInt("restarts", v => v >= 1, "a positive integer"),
            t.OptionalInt("iterations", v => v >= 1, "a positive integer"),
            t.OptionalInt("csls-k", v => v >= 1, "a positive integer"),
            t.OptionalInt("seed", v => v >= 0, "a non-negative integer"),
            t.OptionalInt("init-axes", v => v >= 1, "a positive integer"),
            t.OptionalInt("screen-rows", v => v >= 2, "an integer of at least 2"),
            t.OptionalInt("max-rows", v => v >= 2, "an integer of at least 2"),
            t.OptionalString("init") is not { } init ? null : UnpairedStarts.Parse(init)
                ?? throw new FaceCompatException($"map '{t.Text}': init={init} is invalid; init must be axes or gw."),
            t.OptionalInt("clusters", v => v >= 2, "an integer of at least 2")),
        (p, splitSeed) => new UnsupervisedProcrustesFitter(new SelfLearningSettings(
            p.Restarts ?? Defaults.Restarts, p.Iterations ?? Defaults.Iterations, p.CslsK ?? Defaults.CslsK, p.Seed ?? splitSeed ?? Defaults.Seed,
            p.InitAxes ?? Defaults.InitAxes, p.ScreenRows ?? Defaults.ScreenRows, p.MaxRows ?? Defaults.MaxRows,
            p.Init ?? Defaults.Start, p.Clusters ?? Defaults.Clusters)));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["init"] = settings.Start.Name(),
        ["restarts"] = Text(settings.Restarts),
        ["iterations"] = Text(settings.Iterations),
        ["csls-k"] = Text(settings.CslsK),
        ["seed"] = Text(settings.Seed),
        ["init-axes"] = Text(settings.InitAxes),
        ["screen-rows"] = Text(settings.ScreenRows),
        ["max-rows"] = Text(settings.MaxRows),
        ["clusters"] = Text(settings.Clusters),
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
            ["restart_start_losses"] = string.Join(" ", fit.Restarts.Select(r => r.StartLoss.ToString("G6", CultureInfo.InvariantCulture))),
            ["criterion"] = fit.Criterion.ToString("R", CultureInfo.InvariantCulture),
            ["iterations"] = Text(fit.Iterations),
            ["converged"] = fit.Converged ? "true" : "false",
            ["pseudo_pairs"] = Text(fit.Pairs),
            ["start_size"] = Text(fit.StartSize),
            ["source_rows"] = Text(fit.SourceRows),
            ["target_rows"] = Text(fit.TargetRows),
        };
        return new FittedMap(Name, Parameters, rows.Preparation, new LinearHead(fit.Weights), new IdentityHead(rows.Target.Cols), notes);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
