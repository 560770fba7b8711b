using System.Threading.Channels;
using FaceCompat.Models;

namespace FaceCompat.Extraction;

/// <summary>
/// The stage between decoding and inference: takes prepared images in dataset order, groups each
/// chunk's usable ones into batches of at most the batch size (a batch never spans chunks), and for an
/// <see cref="ITensorEmbedder"/> fills the batch's input tensor. In the background (decoding runs beside
/// inference) it fills the next batch on its own task while the inference thread runs the current one:
/// two batch objects (and tensors) circulate. Inline (every image comes from the pixel cache) it
/// assembles on the inference thread itself when asked for the next batch: with nothing to decode,
/// work beside a model that keeps both cores busy would only preempt it, and each hand-off between
/// threads costs a wake-up, so doing the little there is in between runs is cheaper.
/// </summary>
internal sealed class BatchAssembler : IAsyncDisposable
{
    private const int BatchObjects = 2;
    private readonly Channel<InputBatch>? _ready;
    private readonly Channel<InputBatch> _free = Channel.CreateUnbounded<InputBatch>(new UnboundedChannelOptions
    {
        SingleReader = true, SingleWriter = true,
    });
    private readonly CancellationTokenSource _stop;
    private readonly ITensorEmbedder? _tensors;
    private readonly IPreparedImages _images;
    private readonly IReadOnlyList<(int Chunk, int First, int Count)> _chunks;
    private readonly int _batchSize;
    private readonly bool _flip;

    public BatchAssembler(IPreparedImages images, IImageEmbedder embedder, IReadOnlyList<(int Chunk, int First, int Count)> chunks,
        int batchSize, bool flip, bool background, CancellationToken cancellation)
    {
        _images = images;
        _chunks = chunks;
        _batchSize = batchSize;
        _flip = flip;
        _tensors = embedder as ITensorEmbedder;
        var inputsPerImage = flip ? 2 : 1;
        if (_tensors is not null && _tensors.BatchSize < inputsPerImage * batchSize)
            throw new ArgumentException($"The embedder runs at most {_tensors.BatchSize} inputs at a time; {batchSize} images{(flip ? " with mirrors" : "")} need {inputsPerImage * batchSize}.", nameof(batchSize));
        for (var i = 0; i < BatchObjects; i++)
        {
            var tensor = _tensors is null ? null : new float[inputsPerImage * batchSize * _tensors.ValuesPerImage];
            _free.Writer.TryWrite(new InputBatch(tensor, _tensors?.ValuesPerImage ?? 0));
        }
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (background)
        {
            _ready = Channel.CreateBounded<InputBatch>(new BoundedChannelOptions(BatchObjects - 1) { SingleReader = true, SingleWriter = true });
            Completion = Task.Run(() => FeedAsync(_stop.Token));
        }
        else Completion = Task.CompletedTask;
    }

    /// <summary>Ends when background assembling does; faulted with the reason when it failed.</summary>
    public Task Completion { get; }

    /// <summary>The batches in order. Hand each back with <see cref="Return"/> before asking for the next but one.</summary>
    public async IAsyncEnumerable<InputBatch> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        if (_ready is null)
        {
            await foreach (var batch in AssembleAsync(_stop.Token).ConfigureAwait(false))
            {
                cancellation.ThrowIfCancellationRequested();
                yield return batch;
            }
            yield break;
        }
        while (await _ready.Reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            while (_ready.Reader.TryRead(out var batch))
                yield return batch;
        await Completion.ConfigureAwait(false); // its failure, if it stopped early
    }

    /// <summary>Hands a batch object back once its inputs have been run.</summary>
    public void Return(InputBatch batch) => _free.Writer.TryWrite(batch);

    private async Task FeedAsync(CancellationToken token)
    {
        try
        {
            await foreach (var batch in AssembleAsync(token).ConfigureAwait(false))
                await _ready!.Writer.WriteAsync(batch, token).ConfigureAwait(false);
        }
        finally
        {
            _ready!.Writer.TryComplete();
        }
    }

    private async IAsyncEnumerable<InputBatch> AssembleAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        foreach (var (chunk, first, count) in _chunks)
        {
            var skips = new List<ChunkSkip>();
            var batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
            batch.Reset(chunk, first, count);
            for (var i = 0; i < count; i++)
            {
                var item = await _images.NextAsync(token).ConfigureAwait(false);
                if (item.Index != first + i)
                    throw new InvalidOperationException($"Image order broken: expected image {first + i}, got {item.Index}.");
                batch.Handled++;
                if (item.SkipReason is not null)
                {
                    skips.Add(new ChunkSkip(item.Index, item.SkipReason));
                    continue;
                }
                Add(batch, item.Input!, _flip ? item.Mirror! : null);
                if (batch.Count == _batchSize && i < count - 1)
                {
                    yield return batch;
                    batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                    batch.Reset(chunk, first, count);
                }
            }
            batch.EndOfChunkSkips = skips;
            yield return batch;
        }
    }

    private void Add(InputBatch batch, Imaging.RgbImage input, Imaging.RgbImage? mirror)
    {
        if (_tensors is not null)
        {
            var per = batch.ValuesPerImage;
            _tensors.FillInput(input, batch.Tensor.AsSpan(batch.Inputs * per, per));
            batch.Inputs++;
            if (mirror is not null)
            {
                _tensors.FillInput(mirror, batch.Tensor.AsSpan(batch.Inputs * per, per));
                batch.Inputs++;
            }
        }
        else
        {
            batch.Images.Add(input);
            batch.Inputs++;
            if (mirror is not null)
            {
                batch.Images.Add(mirror);
                batch.Inputs++;
            }
        }
        batch.Count++;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await Completion.ConfigureAwait(false); }
        catch (Exception) { } // its failure, if any, was already seen through Completion by the pipeline
        _stop.Dispose();
    }
}
