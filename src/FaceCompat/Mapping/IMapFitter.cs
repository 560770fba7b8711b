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
}
