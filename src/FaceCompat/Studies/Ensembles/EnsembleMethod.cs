namespace FaceCompat.Studies.Ensembles;

/// <summary>How several models' embeddings of one face make one comparison.</summary>
public enum EnsembleMethod
{
    /// <summary>One model alone (its own prepared embeddings).</summary>
    Single,

    /// <summary>Score-level fusion: the mean of the models' cosine scores.</summary>
    ScoreFusion,

    /// <summary>Template fusion through the shared space: the mean of the face's hub-mapped, unit-normalised embeddings.</summary>
    HubFusion,
}

public static class EnsembleMethods
{
    /// <summary>The name in results files, e.g. "score-fusion".</summary>
    public static string Name(this EnsembleMethod method) => method switch
    {
        EnsembleMethod.Single => "single",
        EnsembleMethod.ScoreFusion => "score-fusion",
        _ => "hub-fusion",
    };
}
