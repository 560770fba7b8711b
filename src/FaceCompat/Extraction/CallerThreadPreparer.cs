using FaceCompat.Datasets;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>
/// Prepares each image on the calling thread when it is asked for. Used when the pixel cache holds every
/// image: there is nothing to decode, so a thread beside a model that keeps the cores busy would only
/// preempt it, and each hand-off between threads costs a wake-up.
/// </summary>
internal sealed class CallerThreadPreparer(ImageDataset dataset, IReadOnlyList<int> indices, IImagePreprocessor preprocessor, bool flip)
    : IPreparedImages
{
    private int _next;

    public ValueTask<PreparedImage> NextAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (_next >= indices.Count) throw new InvalidOperationException("No more images to prepare.");
        var index = indices[_next++];
        return ValueTask.FromResult(OrderedPreparer.Prepare(dataset.Images[index], index, preprocessor, flip));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
