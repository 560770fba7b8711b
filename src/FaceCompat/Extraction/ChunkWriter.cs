using System.Diagnostics;
using System.Threading.Channels;

namespace FaceCompat.Extraction;

/// <summary>
/// Commits finished chunks (<see cref="ChunkStore.Commit"/>: file writes, flushes to disk, hashes) on its
/// own task, in the order they were handed over, so that the inference thread never waits on the disk.
/// At most <see cref="Queued"/> chunks wait; <see cref="CompleteAsync"/> commits everything handed over
/// (also when the run is being cancelled) and rethrows a failed commit.
/// </summary>
internal sealed class ChunkWriter
{
    public const int Queued = 2;
    private readonly Channel<Work> _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(Queued) { SingleReader = true, SingleWriter = true });
    private readonly ChunkStore _store;
    private readonly Task _task;
    private long _ticks;

    public ChunkWriter(ChunkStore store)
    {
        _store = store;
        _task = Task.Run(WriteAllAsync);
    }

    /// <summary>Time spent committing so far.</summary>
    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    /// <summary>Hands a finished chunk over; waits only while <see cref="Queued"/> chunks are already waiting.</summary>
    public async ValueTask EnqueueAsync(int chunk, int first, int count, int dimension, float[] rows, int rowCount, IReadOnlyList<ChunkSkip> skipped,
        CancellationToken cancellation)
    {
        try
        {
            await _queue.Writer.WriteAsync(new Work(chunk, first, count, dimension, rows, rowCount, skipped), cancellation).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _task.ConfigureAwait(false); // the writer failed: its exception
            throw;
        }
    }

    /// <summary>Commits what was handed over, then returns; throws if a commit failed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _task.ConfigureAwait(false);
    }

    private async Task WriteAllAsync()
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var started = Stopwatch.GetTimestamp();
                _store.Commit(work.Chunk, work.First, work.Count, work.Dimension, work.Rows.AsSpan(0, work.RowCount * work.Dimension), work.Skipped);
                Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
            }
        }
        catch (Exception ex)
        {
            _queue.Writer.TryComplete(ex);
            throw;
        }
    }

    private sealed record Work(int Chunk, int First, int Count, int Dimension, float[] Rows, int RowCount, IReadOnlyList<ChunkSkip> Skipped);
}
