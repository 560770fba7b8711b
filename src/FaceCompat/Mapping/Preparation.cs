using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>The fitted preparation of a source and a target space (train statistics only).</summary>
internal sealed class Preparation
{
    internal Preparation(PreparationOptions options, SpacePreparation source, SpacePreparation target)
    {
        Options = options;
        Source = source;
        Target = target;
    }

    public PreparationOptions Options { get; }
    public SpacePreparation Source { get; }
    public SpacePreparation Target { get; }

    /// <summary>Fits both spaces' preparation on aligned raw train rows.</summary>
    public static Preparation Fit(IRowSource sourceTrain, IRowSource targetTrain, PreparationOptions? options = null)
    {
        options ??= PreparationOptions.Reference;
        if (sourceTrain.Rows != targetTrain.Rows)
            throw new FaceCompatException($"source has {sourceTrain.Rows} train rows but target has {targetTrain.Rows}; rows must be aligned.");
        return FitUnpaired(sourceTrain, targetTrain, options);
    }

    /// <summary>
    /// Fits each space's preparation on its own raw train rows, which need not be the same images nor as many
    /// (unpaired maps: e.g. source rows of some people, target rows of others).
    /// </summary>
    public static Preparation FitUnpaired(IRowSource sourceTrain, IRowSource targetTrain, PreparationOptions? options = null)
    {
        options ??= PreparationOptions.Reference;
        var common = options.Matching == DimensionMatching.ZeroPad
            ? Math.Max(sourceTrain.Cols, targetTrain.Cols)
            : options.PcaDimension ?? Math.Min(sourceTrain.Cols, targetTrain.Cols);
        return new Preparation(options,
            SpacePreparation.Fit(sourceTrain, options, common, "source"),
            SpacePreparation.Fit(targetTrain, options, common, "target"));
    }

    /// <summary>
    /// Prepares the train rows the preparation was fitted on, ready for a fitter (sharing work through
    /// <paramref name="memo"/> when given); the pair holds their active columns, not the zero padding.
    /// </summary>
    public TrainingPair PrepareTraining(IRowSource sourceTrain, IRowSource targetTrain, WorkMemo? memo = null) =>
        TrainingPair.OfRawRows(this, sourceTrain, targetTrain, memo);
}
