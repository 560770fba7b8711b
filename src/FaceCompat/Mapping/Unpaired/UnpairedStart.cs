namespace FaceCompat.Mapping.Unpaired;

/// <summary>How the unsupervised map finds its starting guess without pairs.</summary>
public enum UnpairedStart
{
    /// <summary>Principal axes matched in order, each oriented by its skewness (<see cref="PrincipalAxes"/>).</summary>
    Axes,

    /// <summary>Cluster centroids of each side matched by entropic Gromov–Wasserstein (<see cref="CentroidMatching"/>).</summary>
    Gw,
}

public static class UnpairedStarts
{
    public static string Name(this UnpairedStart start) => start switch
    {
        UnpairedStart.Axes => "axes",
        UnpairedStart.Gw => "gw",
        _ => throw new ArgumentOutOfRangeException(nameof(start)),
    };

    /// <summary>The start of a given name, or null.</summary>
    public static UnpairedStart? Parse(string text) =>
        Enum.GetValues<UnpairedStart>().Cast<UnpairedStart?>().FirstOrDefault(s => s!.Value.Name() == text);
}
