using System.Threading.Channels;
using FaceCompat.Datasets;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>
/// Decodes and preprocesses images on several threads and hands them out in the original order.
/// Worker w handles positions w, w+N, w+2N, ... into its own bounded channel, and the reader takes
/// position p from channel p mod N, so order is exact and at most N x capacity images are in memory.
/// </summary>
internal sealed class OrderedPreparer : IPreparedImages
{
    private readonly Channel<PreparedImage>[] _channels;
    private readonly Task[] _workers;
    private readonly CancellationTokenSource _stop;
    private int _next;

    public OrderedPreparer(ImageDataset dataset, IReadOnlyList<int> indices, IImagePreprocessor preprocessor, bool flip,
        int threads, int capacityPerThread, CancellationToken cancellation)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _channels = new Channel<PreparedImage>[threads];
        _workers = new Task[threads];
        for (var w = 0; w < threads; w++)
        {
            var channel = Channel.CreateBounded<PreparedImage>(new BoundedChannelOptions(capacityPerThread)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _channels[w] = channel;
            var worker = w;
            var token = _stop.Token;
            _workers[w] = Task.Run(async () =>
            {
                try
                {
                    for (var p = worker; p < indices.Count; p += threads)
                    {
                        var prepared = Prepare(dataset.Images[indices[p]], indices[p], preprocessor, flip);
                        await channel.Writer.WriteAsync(prepared, token).ConfigureAwait(false);
                    }
                    channel.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            }, token);
        }
    }

    /// <summary>The next image in order.</summary>
    public async ValueTask<PreparedImage> NextAsync(CancellationToken cancellation)
    {
        var channel = _channels[_next % _channels.Length];
        _next++;
        return await channel.Reader.ReadAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Prepares one image (and its mirror for the flip test); any failure becomes a skip reason for that image alone.</summary>
    internal static PreparedImage Prepare(DatasetImage image, int index, IImagePreprocessor preprocessor, bool flip)
    {
        try
        {
            var prepared = preprocessor.Prepare(new ImageFile(image.FullPath, image.RelativePath));
            if (!prepared.Ok) return new PreparedImage(index, null, null, prepared.SkipReason);
            var input = prepared.Image!;
            return new PreparedImage(index, input, flip ? ImageOps.FlipHorizontal(input) : null, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PreparedImage(index, null, null, $"could not be decoded: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        // Drain so blocked writers see cancellation; their exceptions are expected here.
        foreach (var channel in _channels) while (channel.Reader.TryRead(out _)) { }
        try { await Task.WhenAll(_workers).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
