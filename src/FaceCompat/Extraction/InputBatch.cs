using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>
/// One batch on its way from <see cref="BatchAssembler"/> to inference: up to the batch size of one
/// chunk's usable images, either as a filled input tensor (for an <see cref="Models.ITensorEmbedder"/>)
/// or as images. With the flip test each image is followed by its mirror. The last batch of a chunk
/// carries the chunk's skips (it may hold no image at all). Batch objects are reused.
/// </summary>
internal sealed class InputBatch(float[]? tensor, int valuesPerImage)
{
    public float[]? Tensor { get; } = tensor;
    public int ValuesPerImage { get; } = valuesPerImage;
    public List<RgbImage> Images { get; } = [];

    /// <summary>Usable images (rows) in the batch; with the flip test the model sees twice as many.</summary>
    public int Count { get; set; }

    /// <summary>Model inputs in the batch: <see cref="Count"/>, or twice that with the flip test.</summary>
    public int Inputs { get; set; }

    public int Chunk { get; set; }
    public int ChunkFirst { get; set; }
    public int ChunkCount { get; set; }

    /// <summary>Dataset images this batch accounts for, skipped ones included (for progress).</summary>
    public int Handled { get; set; }

    /// <summary>The chunk's skips when this is its last batch; null otherwise.</summary>
    public List<ChunkSkip>? EndOfChunkSkips { get; set; }

    public void Reset(int chunk, int first, int count)
    {
        Images.Clear();
        Count = 0;
        Inputs = 0;
        Chunk = chunk;
        ChunkFirst = first;
        ChunkCount = count;
        Handled = 0;
        EndOfChunkSkips = null;
    }
}
