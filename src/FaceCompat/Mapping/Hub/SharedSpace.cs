using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Hub;

/// <summary>One model's place in a shared space: its preparation (train statistics) and its D x D rotation into the hub.</summary>
internal sealed record HubMember(string Model, SpacePreparation Preparation, Matrix Rotation, bool Joined);

/// <summary>
/// A shared space of N models fitted on embeddings of the same train images (<see cref="GeneralizedProcrustes"/>): each
/// model is prepared as for a pairwise map (L2, centre with its own train mean, zero-pad or PCA to the hub's common
/// dimension) and rotated onto the common mean. The map from A to B is the composition A -> hub -> B, W = R_A R_B^T.
/// The mean is then frozen: a model that was not in the hub joins by one Procrustes fit of its rows of the same train
/// images onto it (<see cref="Join"/>), leaving every member as it was.
/// </summary>
internal sealed class SharedSpace
{
    private readonly Dictionary<string, HubMember> members;

    private SharedSpace(PreparationOptions options, int dimension, IReadOnlyList<HubMember> members, Matrix mean,
        GeneralizedProcrustesFit fit, double tolerance, int maxIterations)
    {
        Options = options;
        Dimension = dimension;
        this.members = members.ToDictionary(m => m.Model, StringComparer.Ordinal);
        Members = members.Select(m => m.Model).ToList();
        Mean = mean;
        Convergence = fit;
        Tolerance = tolerance;
        MaxIterations = maxIterations;
    }

    public PreparationOptions Options { get; }

    /// <summary>The hub's dimension D (the common dimension every model is padded or projected to).</summary>
    public int Dimension { get; }

    /// <summary>The models the hub was fitted on, in the order given.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The frozen mean of the members' rotated train rows (n x D): what a joining model is fitted onto.</summary>
    public Matrix Mean { get; }

    public GeneralizedProcrustesFit Convergence { get; }
    public double Tolerance { get; }
    public int MaxIterations { get; }

    /// <summary>Bytes held (for a memo's budget).</summary>
    public long Bytes => ((long)Mean.Data.Length + members.Values.Sum(m => (long)m.Rotation.Data.Length)) * sizeof(double);

    /// <summary>
    /// Fits the hub on the raw train rows of each member (same images, same order). <paramref name="dimension"/> is the
    /// hub's common dimension: with zero padding at least every member's (and any later joiner's) dimension.
    /// </summary>
    public static SharedSpace Fit(IReadOnlyList<(string Model, Matrix Rows)> models, PreparationOptions options, int dimension,
        double tolerance, int maxIterations)
    {
        if (models.Count == 0) throw new FaceCompatException("a shared space needs at least one model.");
        var duplicate = models.GroupBy(m => m.Model, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FaceCompatException($"model '{duplicate.Key}' is given twice to one shared space.");
        var rows = models[0].Rows.Rows;
        foreach (var (model, m) in models)
        {
            if (m.Rows != rows)
                throw new FaceCompatException($"a shared space needs every model's rows of the same images: '{models[0].Model}' has {rows}, '{model}' has {m.Rows}.");
            RequireFits(model, m.Cols, options, dimension);
        }
        var preparations = models.Select(m => SpacePreparation.Fit(m.Rows, options, dimension, m.Model)).ToArray();
        return FitPrepared(models.Select((m, i) => (m.Model, preparations[i], preparations[i].Apply(m.Rows))).ToList(), options, tolerance, maxIterations);
    }

    /// <summary>Fits the hub on rows already prepared (each with the preparation that made it; all of one width).</summary>
    public static SharedSpace FitPrepared(IReadOnlyList<(string Model, SpacePreparation Preparation, Matrix Prepared)> models,
        PreparationOptions options, double tolerance, int maxIterations)
    {
        var prepared = models.Select(m => m.Prepared).ToArray();
        var dimension = prepared[0].Cols;
        var fit = GeneralizedProcrustes.Fit(prepared, models.Select(m => Math.Min(dimension, m.Preparation.ActiveDimension)).ToArray(), tolerance, maxIterations);
        var mean = new Matrix(prepared[0].Rows, dimension);
        for (var i = 0; i < prepared.Length; i++)
        {
            var rotated = prepared[i].MultiplyLeadingBlocks(fit.Rotations[i]);
            for (var k = 0; k < mean.Data.Length; k++) mean.Data[k] += rotated.Data[k] / prepared.Length;
        }
        var hubMembers = models.Select((m, i) => new HubMember(m.Model, m.Preparation, fit.Rotations[i], Joined: false)).ToList();
        return new SharedSpace(options, dimension, hubMembers, mean, fit, tolerance, maxIterations);
    }

    /// <summary>A member of the hub, or null.</summary>
    public HubMember? Member(string model) => members.GetValueOrDefault(model);

    /// <summary>
    /// A model outside the hub joins it: its preparation fitted on its raw rows of the hub's train images, its rotation
    /// the orthogonal Procrustes fit onto the frozen mean. The hub is unchanged.
    /// </summary>
    public HubMember Join(string model, Matrix rows)
    {
        if (members.ContainsKey(model)) throw new FaceCompatException($"model '{model}' is already a member of the shared space.");
        if (rows.Rows != Mean.Rows)
            // Stryker disable once Statement : RotationOnto refuses the same rows with the same exception (this message says more)
            throw new FaceCompatException($"model '{model}' joins the shared space with {rows.Rows} rows, but the hub was fitted on {Mean.Rows} images; it needs its embeddings of the same images.");
        RequireFits(model, rows.Cols, Options, Dimension);
        var preparation = SpacePreparation.Fit(rows, Options, Dimension, model);
        var rotation = GeneralizedProcrustes.RotationOnto(preparation.Apply(rows), preparation.ActiveDimension, Mean);
        return new HubMember(model, preparation, rotation, Joined: true);
    }

    /// <summary>
    /// The map from <paramref name="source"/> to <paramref name="target"/> through the hub: source rows prepared and
    /// multiplied by R_source R_target^T, compared with the prepared target rows (so scores are cosines in the hub, and
    /// mapped rows can migrate into the target model's space).
    /// </summary>
    public FittedMap PairMap(string name, IReadOnlyDictionary<string, string> parameters, HubMember source, HubMember target)
    {
        var weights = Matrix.Multiply(source.Rotation, false, target.Rotation, true);
        var notes = new Dictionary<string, string>
        {
            ["hub_members"] = string.Join(" ", Members),
            ["hub_dimension"] = Text(Dimension),
            ["hub_tolerance"] = FittedMap.Number(Tolerance),
            ["hub_max_iterations"] = Text(MaxIterations),
            ["hub_iterations"] = Text(Convergence.Iterations),
            ["hub_converged"] = Convergence.Converged ? "true" : "false",
            ["hub_objective"] = FittedMap.Number(Convergence.Objectives[^1]),
            ["hub_relative_objective"] = FittedMap.Number(Convergence.Objectives[^1] / Math.Max(Convergence.TotalSquares, double.Epsilon)),
            // sum_i ||X_i R_i - M||^2 / sum_i ||X_i||^2 at each iteration: how the fit converged
            ["hub_objective_trace"] = string.Join(" ", Convergence.Objectives.Select(o => (o / Math.Max(Convergence.TotalSquares, double.Epsilon)).ToString("G9", CultureInfo.InvariantCulture))),
            ["hub_fit_seconds"] = Convergence.Seconds.ToString("F1", CultureInfo.InvariantCulture),
            ["source_joined"] = source.Joined ? "true" : "false",
            ["target_joined"] = target.Joined ? "true" : "false",
        };
        return new FittedMap(name, parameters, new Preparation(Options, source.Preparation, target.Preparation),
            new LinearHead(weights), new IdentityHead(Dimension), notes);
    }

    private static void RequireFits(string model, int dimension, PreparationOptions options, int hubDimension)
    {
        if (options.Matching == DimensionMatching.ZeroPad ? dimension > hubDimension : dimension < hubDimension)
            throw new FaceCompatException($"model '{model}' is {dimension}-dimensional but the shared space is {hubDimension}-dimensional " +
                (options.Matching == DimensionMatching.ZeroPad ? "(zero padding cannot shrink a model)." : "(PCA cannot widen a model)."));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
