namespace FaceCompat.Mapping.Unpaired;

/// <summary>
/// A map fitted from two sets of rows with no correspondence and no labels. It is also an <see cref="IMapFitter"/>:
/// given a training pair it throws the pairing away (<see cref="UnpairedRows.Of"/>) before fitting.
/// </summary>
internal interface IUnpairedMapFitter : IMapFitter
{
    FittedMap Fit(UnpairedRows rows);
}
