using FaceCompat.Infrastructure;

namespace FaceCompat.Alignment;

/// <summary>Which landmark stage finds the face and its five alignment points for <c>align</c> preprocessing.</summary>
public enum Aligner
{
    /// <summary>BlazeFace detector + 468-point face mesh (<see cref="FaceLandmarker"/>).</summary>
    Mesh,

    /// <summary>MTCNN: P-Net image pyramid, R-Net, O-Net with five landmarks (<see cref="MtcnnLandmarker"/>).</summary>
    Mtcnn,
}

/// <summary>The names users give aligners (options, study configuration), parsed once at the edges.</summary>
internal static class AlignerNames
{
    /// <summary>The aligner <c>align</c> uses when none is named.</summary>
    public const Aligner Default = Aligner.Mesh;

    public static IReadOnlyList<Aligner> All { get; } = Enum.GetValues<Aligner>();

    public static string Name(Aligner aligner) => aligner switch
    {
        Aligner.Mesh => "mesh",
        Aligner.Mtcnn => "mtcnn",
        _ => throw new ArgumentOutOfRangeException(nameof(aligner)),
    };

    /// <summary>The aligner called <paramref name="name"/> (case-insensitive), or one clear error listing the known ones.</summary>
    public static Aligner Parse(string? name)
    {
        foreach (var aligner in All)
            if (string.Equals(name?.Trim(), Name(aligner), StringComparison.OrdinalIgnoreCase)) return aligner;
        throw new FaceCompatException($"Unknown aligner '{name}': use one of {string.Join(", ", All.Select(Name))}.");
    }
}
