namespace FaceCompat.Evaluation;

/// <summary>How the gallery relates to the queries in closed-set identification.</summary>
public enum IdentificationProtocol
{
    /// <summary>
    /// As published: the gallery holds every test image as seen by the target model, including the
    /// query's own image (gallery row i is query row i).
    /// </summary>
    Reference,

    /// <summary>
    /// The query's own image is removed from its gallery. Queries whose identity has no other test
    /// image cannot be answered; they are counted apart and left out of every rate.
    /// </summary>
    Strict,
}

internal static class IdentificationProtocolNames
{
    public static string Name(this IdentificationProtocol protocol) => protocol switch
    {
        IdentificationProtocol.Reference => "reference",
        IdentificationProtocol.Strict => "strict",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };
}
