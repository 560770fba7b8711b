using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// A map before fitting (scikit-learn's estimator contract): name and parameters fixed at creation,
/// <see cref="Fit"/> learns from prepared, aligned train rows and returns a <see cref="FittedMap"/>.
/// </summary>
internal interface IMapFitter
{
    /// <summary>Canonical name, e.g. "ridge".</summary>
    string Name { get; }

    /// <summary>Parameters with their effective values (defaults included), as strings.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>"name:key=value..." — parsable again by <see cref="MapSpec.Parse"/>.</summary>
    string Spec => MapSpecText.Format(Name, Parameters);

    FittedMap Fit(TrainingPair pair);
}

internal static class MapFitterExtensions
{
    /// <summary>Fits the preparation on the raw train rows, prepares them, then fits the map.</summary>
    public static FittedMap Fit(this IMapFitter fitter, Matrix sourceTrain, Matrix targetTrain, PreparationOptions? options = null)
    {
        var preparation = Preparation.Fit(sourceTrain, targetTrain, options);
        return fitter.Fit(preparation.PrepareTraining(sourceTrain, targetTrain));
    }

    /// <summary>
    /// A map fitted on a run's paired train rows: on the pair, or, for a shared-space map, on the train rows of every
    /// model of the run. Each side is asked for only when it is needed.
    /// </summary>
    public static FittedMap FitInRun(this IMapFitter fitter, Func<TrainingPair> pair, Func<IReadOnlyDictionary<string, Matrix>> trainRowsOfAll,
        string sourceName, string targetName, PreparationOptions? preparation, WorkMemo? memo = null) =>
        fitter is Hub.IHubMapFitter hub
            ? hub.Fit(new Hub.HubRows(trainRowsOfAll(), sourceName, targetName, preparation, memo))
            : fitter.Fit(pair());
}
