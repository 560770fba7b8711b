using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Maps;

/// <summary>Reduced-rank regression's rank (default <see cref="ReducedRankFitter.DefaultRank"/>).</summary>
public sealed record ReducedRankParameters(int? Rank = null) : MapParameters
{
    public override IEnumerable<KeyValuePair<string, string>> Given() => Text("rank", Rank);
}

/// <summary>
/// Reduced-rank regression: the least-squares W projected on the r leading principal directions of
/// its fitted values, W_r = W V_r V_r^T, where V_r are the top eigenvectors of (X W)^T (X W) = W^T X^T X W.
/// </summary>
internal sealed class ReducedRankFitter(int rank) : IMapFitter
{
    public const int DefaultRank = 64;

    public static MapDescriptor Descriptor { get; } = MapDescriptor.Of("rrr", MapRole.Fitted,
        "reduced-rank regression, rank default 64", ["reduced-rank"], ["rank"], new ReducedRankParameters(),
        t => new ReducedRankParameters(t.OptionalInt("rank", v => v > 0, "a positive integer")),
        (p, _) => new ReducedRankFitter(p.Rank ?? DefaultRank));

    public string Name => Descriptor.Name;
    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string> { ["rank"] = rank.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public FittedMap Fit(TrainingPair pair)
    {
        if (rank > pair.TargetDimension)
            throw new FaceCompatException($"rrr: rank {rank} exceeds the prepared dimension {pair.TargetDimension}.");
        var notes = new Dictionary<string, string>();
        var w = TrainingPair.Embed(LinearSolvers.MinNormLeastSquares(pair, null, notes), pair.SourceDimension, pair.TargetDimension);
        var a = pair.SourceActive;
        var wActive = new Matrix(a, w.Cols);
        for (var i = 0; i < a; i++) w.Row(i).CopyTo(wActive.Row(i));
        var fittedGram = Matrix.Multiply(wActive, true, pair.SourceGram.Multiply(wActive), false);
        var eig = Decompositions.SymmetricEigen(fittedGram);
        var n = w.Cols;
        var top = new Matrix(n, rank);
        for (var c = 0; c < rank; c++)
            for (var i = 0; i < n; i++) top[i, c] = eig.Vectors[i, n - 1 - c];
        var projector = Matrix.Multiply(top, false, top, true);
        return new FittedMap(Name, Parameters, pair.Preparation, new LinearHead(w.Multiply(projector)), new IdentityHead(pair.TargetDimension), notes);
    }
}
