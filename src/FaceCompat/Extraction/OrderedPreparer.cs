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

    public OrderedPreparer(ImageDataset dataset, IReadOnlyList<int> indices, ImageDecoder decoder, Preprocessing preprocessing,
        int width, int height, int threads, int capacityPerThread, CancellationToken cancellation, PixelStore? pixels = null)
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
                        var prepared = PrepareOrReuse(dataset.Images[indices[p]], indices[p], decoder, preprocessing, width, height, pixels);
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

    /// <summary>The image from the pixel cache when it is there, else <see cref="Prepare"/>d (and handed to the cache).</summary>
    internal static PreparedImage PrepareOrReuse(DatasetImage image, int index, ImageDecoder decoder, Preprocessing preprocessing,
        int width, int height, PixelStore? pixels)
    {
        if (pixels is null) return Prepare(image, index, decoder, preprocessing, width, height);
        if (pixels.TryGet(index) is { } cached)
            return preprocessing.Flip && cached.Input is { } input ? cached with { Mirror = ImageOps.FlipHorizontal(input) } : cached;
        var prepared = Prepare(image, index, decoder, preprocessing, width, height);
        pixels.Put(index, prepared.Input, prepared.SkipReason, Lasting(prepared.SkipReason));
        return prepared;
    }

    /// <summary>Whether a skip follows from the file's content (cacheable) rather than from the moment (unreadable, exception).</summary>
    private static bool Lasting(string? skipReason) =>
        skipReason is null || !(skipReason.StartsWith(UnreadablePrefix, StringComparison.Ordinal) || skipReason.StartsWith(ExceptionPrefix, StringComparison.Ordinal));

    private const string UnreadablePrefix = "unreadable file";
    private const string ExceptionPrefix = "could not be decoded:";

    /// <summary>Decodes and preprocesses one image; any failure becomes a skip reason for that image alone.</summary>
    internal static PreparedImage Prepare(DatasetImage image, int index, ImageDecoder decoder, Preprocessing preprocessing, int width, int height)
    {
        try
        {
            RgbImage input;
            if (preprocessing.Align is { } align)
            {
                var decoded = decoder.Decode(image.FullPath);
                if (!decoded.Ok) return new PreparedImage(index, null, null, decoded.SkipReason);
                var (aligned, reason) = align.Apply(decoded.Image!, image.RelativePath);
                if (aligned is null) return new PreparedImage(index, null, null, reason);
                input = aligned;
            }
            else
            {
                var loaded = preprocessing.Load(decoder, image.FullPath, width, height);
                if (!loaded.Ok) return new PreparedImage(index, null, null, loaded.SkipReason);
                input = loaded.Image!;
            }
            var mirror = preprocessing.Flip ? ImageOps.FlipHorizontal(input) : null;
            return new PreparedImage(index, input, mirror, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PreparedImage(index, null, null, $"{ExceptionPrefix} {ex.Message}");
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
