namespace FaceCompat.Models.Inference;

/// <summary>Told about every model run an embedder makes (see <see cref="EmbedderOptions.Observer"/>).</summary>
internal interface IInferenceObserver
{
    /// <summary>One run of <paramref name="inputs"/> inputs took <paramref name="elapsed"/> inside the runtime.</summary>
    void Ran(int inputs, TimeSpan elapsed);
}
