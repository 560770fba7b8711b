using System.Threading.Channels;
using FaceCompat.Models;

namespace FaceCompat.Extraction;

/// <summary>
/// The stage between decoding and inference: takes prepared images in dataset order, groups each
/// chunk's usable ones into batches of at most the batch size (a batch never spans chunks), and for an
/// <see cref="ITensorEmbedder"/> fills the batch's input tensor, so that the inference thread only runs
/// the model while the next batch is filled here. A few batch objects (and their tensors) circulate:
/// one running, one ready, one filling.
/// </summary>
internal sealed class BatchAssembler : IAsyncDisposable
{
    private const int BatchesInFlight = 3;
    private readonly Channel<InputBatch> _ready = Channel.CreateBounded<InputBatch>(new BoundedChannelOptions(BatchesInFlight)
    {
        SingleReader = true, SingleWriter = true,
    });
    private readonly Channel<InputBatch> _free = Channel.CreateUnbounded<InputBatch>(new UnboundedChannelOptions
    {
        SingleReader = true, SingleWriter = true,
    });
    private readonly CancellationTokenSource _stop;
    private readonly ITensorEmbedder? _tensors;

    public BatchAssembler(OrderedPreparer preparer, IImageEmbedder embedder, IReadOnlyList<(int Chunk, int First, int Count)> chunks,
        int batchSize, bool flip, CancellationToken cancellation)
    {
        _tensors = embedder as ITensorEmbedder;
        var inputsPerImage = flip ? 2 : 1;
        if (_tensors is not null && _tensors.BatchSize < inputsPerImage * batchSize)
            throw new ArgumentException($"The embedder runs at most {_tensors.BatchSize} inputs at a time; {batchSize} images{(flip ? " with mirrors" : "")} need {inputsPerImage * batchSize}.", nameof(batchSize));
        for (var i = 0; i < BatchesInFlight; i++)
        {
            var tensor = _tensors is null ? null : new float[inputsPerImage * batchSize * _tensors.ValuesPerImage];
            _free.Writer.TryWrite(new InputBatch(tensor, _tensors?.ValuesPerImage ?? 0));
        }
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Completion = Task.Run(() => AssembleAsync(preparer, chunks, batchSize, flip, _stop.Token));
    }

    /// <summary>Batches in order; the channel completes when every chunk is through or assembling failed (see <see cref="Completion"/>).</summary>
    public ChannelReader<InputBatch> Ready => _ready.Reader;

    /// <summary>Ends when assembling does; faulted with the reason when it failed.</summary>
    public Task Completion { get; }

    /// <summary>Hands a batch object back once its inputs have been run.</summary>
    public void Return(InputBatch batch) => _free.Writer.TryWrite(batch);

    private async Task AssembleAsync(OrderedPreparer preparer, IReadOnlyList<(int Chunk, int First, int Count)> chunks, int batchSize, bool flip,
        CancellationToken token)
    {
        try
        {
            foreach (var (chunk, first, count) in chunks)
            {
                var skips = new List<ChunkSkip>();
                var batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                batch.Reset(chunk, first, count);
                for (var i = 0; i < count; i++)
                {
                    var item = await preparer.NextAsync(token).ConfigureAwait(false);
                    if (item.Index != first + i)
                        throw new InvalidOperationException($"Image order broken: expected image {first + i}, got {item.Index}.");
                    batch.Handled++;
                    if (item.SkipReason is not null)
                    {
                        skips.Add(new ChunkSkip(item.Index, item.SkipReason));
                        continue;
                    }
                    Add(batch, item.Input!, flip ? item.Mirror! : null);
                    if (batch.Count == batchSize && i < count - 1)
                    {
                        await _ready.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                        batch = await _free.Reader.ReadAsync(token).ConfigureAwait(false);
                        batch.Reset(chunk, first, count);
                    }
                }
                batch.EndOfChunkSkips = skips;
                await _ready.Writer.WriteAsync(batch, token).ConfigureAwait(false);
            }
        }
        finally
        {
            _ready.Writer.TryComplete();
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
