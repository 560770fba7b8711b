using FaceCompat.Datasets;
using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>
/// A preprocessor read through the pixel cache: an image the <see cref="PixelStore"/> holds comes from it,
/// any other is prepared by the wrapped preprocessor and handed to the store. Outcomes that may not last
/// (an unreadable file, an exception) are handed over as not cacheable, so their chunk is never written.
/// Thread-safe when the wrapped preprocessor is.
/// </summary>
internal sealed class PixelCachedPreprocessor : IImagePreprocessor
{
    private readonly IImagePreprocessor _inner;
    private readonly PixelStore _store;
    private readonly Dictionary<string, int> _indexOf;

    public PixelCachedPreprocessor(IImagePreprocessor inner, PixelStore store, ImageDataset dataset)
    {
        if (inner.Width != store.Width || inner.Height != store.Height)
            throw new ArgumentException("The pixel cache holds another input size.", nameof(store));
        _inner = inner;
        _store = store;
        _indexOf = new Dictionary<string, int>(dataset.Images.Count, StringComparer.Ordinal);
        for (var i = 0; i < dataset.Images.Count; i++) _indexOf[dataset.Images[i].RelativePath] = i;
    }

    public int Width => _inner.Width;
    public int Height => _inner.Height;
    public string Describe() => _inner.Describe();
    public string DescribePerImage() => _inner.DescribePerImage();

    public PreprocessedImage Prepare(ImageFile file)
    {
        var index = _indexOf[file.RelativePath];
        if (_store.TryGet(index) is { } cached) return new PreprocessedImage(cached.Input, cached.SkipReason);
        PreprocessedImage prepared;
        try
        {
            prepared = _inner.Prepare(file);
        }
        catch
        {
            _store.Put(index, null, null, cacheable: false);
            throw;
        }
        _store.Put(index, prepared.Image, prepared.SkipReason, SkipReasons.Lasting(prepared.SkipReason));
        return prepared;
    }
}
