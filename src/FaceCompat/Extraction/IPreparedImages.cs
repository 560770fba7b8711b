namespace FaceCompat.Extraction;

/// <summary>Prepared images in dataset order, one at a time.</summary>
internal interface IPreparedImages : IAsyncDisposable
{
    ValueTask<PreparedImage> NextAsync(CancellationToken cancellation);
}
