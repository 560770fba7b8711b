using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping.Hub;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>
/// The shared space's members and convergence. Members default to every model of the run; a model left out (or not
/// named) joins the frozen hub by one Procrustes fit when a pair needs it.
/// </summary>
public sealed record HubProcrustesParameters(IReadOnlyList<string>? Members = null, IReadOnlyList<string>? LeaveOut = null,
    double? Tolerance = null, int? Iterations = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() =>
        Names("members", Members).Concat(Names("leave-out", LeaveOut)).Concat(Text("tolerance", Tolerance)).Concat(Text("iterations", Iterations));

    private static IEnumerable<KeyValuePair<string, string>> Names(string key, IReadOnlyList<string>? models) =>
        models is null ? [] : [new(key, string.Join(HubProcrustesFitter.MemberSeparator, models))];

    public bool Equals(HubProcrustesParameters? other) =>
        other is not null && SameNames(Members, other.Members) && SameNames(LeaveOut, other.LeaveOut)
        && Tolerance == other.Tolerance && Iterations == other.Iterations;

    // Stryker disable once String : the text standing for no list only has to be the same for equal parameters
    public override int GetHashCode() => HashCode.Combine(Members is null ? "" : string.Join('+', Members),
        LeaveOut is null ? "" : string.Join('+', LeaveOut), Tolerance, Iterations);

    private static bool SameNames(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}

/// <summary>
/// Generalised Procrustes over the models of a run (<see cref="SharedSpace"/>): N rotations onto a common mean space
/// instead of N(N-1) pairwise maps; the map A -> B is A -> hub -> B. Given only a training pair, the hub holds the two.
/// </summary>
internal sealed class HubProcrustesFitter(HubProcrustesParameters given, double tolerance, int maxIterations) : IHubMapFitter
{
    public const double DefaultTolerance = 1e-6;
    public const int DefaultIterations = 100;

    /// <summary>Separates model names in the text form of the members (',' separates maps, ':' parameters).</summary>
    public const char MemberSeparator = '+';

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("hub-procrustes", MapRole.Fitted,
        "generalised Procrustes: every model of the run rotated onto one shared space, A -> B = R_A R_B^T; members=a+b+... " +
        "(default all), leave-out=... (those join the frozen hub by one fit)", ["hub", "gpa"], ["members", "leave-out", "tolerance", "iterations"],
        new HubProcrustesParameters(),
        t => new HubProcrustesParameters(ModelNames(t, "members"), ModelNames(t, "leave-out"),
            t.OptionalDouble("tolerance", v => v > 0 && v < 1, "a number in (0, 1)"),
            t.OptionalInt("iterations", v => v >= 1, "a positive integer")),
        (p, _) => new HubProcrustesFitter(p, p.Tolerance ?? DefaultTolerance, p.Iterations ?? DefaultIterations));

    public string Name => Descriptor.Name;

    public IReadOnlyDictionary<string, string> Parameters { get; } = ParameterTexts(given, tolerance, maxIterations);

    /// <summary>A hub of the pair's two models (named "source" and "target"), fitted on its prepared rows.</summary>
    public FittedMap Fit(TrainingPair pair)
    {
        if (given.Members is not null || given.LeaveOut is not null)
            throw new FaceCompatException($"map '{Name}' with members or leave-out needs every model's embeddings; run it through compare, map fit or a study, which hand them over.");
        var p = pair.Preparation;
        var hub = SharedSpace.FitPrepared([("source", p.Source, pair.PaddedSource), ("target", p.Target, pair.PaddedTarget)], p.Options, tolerance, maxIterations);
        return hub.PairMap(Name, Parameters, hub.Member("source")!, hub.Member("target")!);
    }

    public FittedMap Fit(HubRows rows)
    {
        var available = rows.Models.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var model in (given.Members ?? []).Concat(given.LeaveOut ?? []))
            if (!rows.Models.ContainsKey(model))
                throw new FaceCompatException($"map '{Name}': model '{model}' has no embeddings in this run; the run has {string.Join(", ", available)}.");
        var members = (given.Members ?? available).Where(m => given.LeaveOut?.Contains(m, StringComparer.Ordinal) != true).ToList();
        if (members.Count == 0) throw new FaceCompatException($"map '{Name}': leave-out leaves no member in the shared space.");
        var options = rows.Preparation;
        // Zero padding: wide enough for every model of the run, so any of them can join; PCA: narrow enough for all.
        var dimension = options.Matching == DimensionMatching.ZeroPad
            ? rows.Models.Values.Max(m => m.Cols)
            : options.PcaDimension ?? rows.Models.Values.Min(m => m.Cols);
        // Stryker disable once String : a memo key's text only has to tell one hub from another
        var settings = $"{options}|{dimension}|{FittedMap.Number(tolerance)}|{maxIterations}|{string.Join(MemberSeparator, members)}";
        // Stryker disable once String : a memo key's kind only has to tell it from other keys
        var key = new MemoKey("hub", settings, members.Select(rows.Digest).ToArray());
        SharedSpace Compute() => SharedSpace.Fit(members.Select(m => (m, rows.Models[m])).ToList(), options, dimension, tolerance, maxIterations);
        var hub = rows.Memo is null ? Compute() : rows.Memo.GetOrAdd(key, Compute, h => h.Bytes);
        // Stryker disable once String,Arithmetic,Conditional : a memo key's text, an entry's size for the memo's budget, and the memo itself (joining again gives the same member)
        HubMember Place(string model) => hub.Member(model) ?? (rows.Memo is null
            ? hub.Join(model, rows.Models[model])
            : rows.Memo.GetOrAdd(new MemoKey("hub-join", settings + "|" + model, [.. key.Inputs, rows.Digest(model)]),
                () => hub.Join(model, rows.Models[model]), m => (long)m.Rotation.Data.Length * sizeof(double)));
        return hub.PairMap(Name, Parameters, Place(rows.Source), Place(rows.Target));
    }

    private static IReadOnlyList<string>? ModelNames(MapSpecText t, string key)
    {
        var text = t.OptionalString(key);
        if (text is null) return null;
        var names = text.Split(MemberSeparator).Select(n => n.Trim()).ToList();
        if (names.Any(n => n.Length == 0))
            throw new FaceCompatException($"map '{t.Text}': {key}={text} is invalid; {key} must be model names joined by '{MemberSeparator}'.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new FaceCompatException($"map '{t.Text}': {key}={text} names a model twice.");
        return names;
    }

    private static Dictionary<string, string> ParameterTexts(HubProcrustesParameters given, double tolerance, int maxIterations)
    {
        var texts = given.Given().ToDictionary(p => p.Key, p => p.Value);
        texts["tolerance"] = FittedMap.Number(tolerance);
        texts["iterations"] = maxIterations.ToString(CultureInfo.InvariantCulture);
        return texts;
    }
}
