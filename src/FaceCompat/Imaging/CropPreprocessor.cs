using System.Globalization;

namespace FaceCompat.Imaging;

/// <summary>
/// The crop preprocessing: the central <see cref="CentralFraction"/> of each side (null: the whole image),
/// resized (see <see cref="ImageResizer"/>) to the model's input size; the aspect ratio is not kept. The
/// file is read through <see cref="ImageDecoder.DecodeCentral(string, double)"/>, whose faster routes
/// (TurboJPEG, the region decode) give the same bytes as a whole decode followed by the crop.
/// </summary>
internal sealed class CropPreprocessor : IImagePreprocessor
{
    public const string Interpolation = "bilinear (triangle filter, half-pixel centres, antialiased when downscaling; Pillow BILINEAR)";

    private readonly ImageDecoder _decoder;

    /// <param name="centralFraction">The central share of each side kept, in (0, 1]; null keeps the whole image.</param>
    public CropPreprocessor(double? centralFraction, int width, int height, ImageDecoder? decoder = null)
    {
        if (centralFraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(centralFraction), "Fraction must be in (0, 1].");
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), "Input size must be positive.");
        CentralFraction = centralFraction;
        Width = width;
        Height = height;
        _decoder = decoder ?? new ImageDecoder();
    }

    /// <summary>The central share of each side kept; null for the whole image.</summary>
    public double? CentralFraction { get; }

    public int Width { get; }
    public int Height { get; }

    public PreprocessedImage Prepare(ImageFile file)
    {
        var decoded = CentralFraction is { } fraction ? _decoder.DecodeCentral(file.FullPath, fraction) : _decoder.Decode(file.FullPath);
        return decoded.Ok ? PreprocessedImage.Success(Resize(decoded.Image!)) : PreprocessedImage.Skip(decoded.SkipReason!);
    }

    /// <summary>Crops and resizes an already decoded image (the same pixels <see cref="Prepare"/> gives for its file).</summary>
    public RgbImage Apply(RgbImage image) =>
        Resize(CentralFraction is { } fraction ? ImageOps.CropCentral(image, fraction) : image);

    private RgbImage Resize(RgbImage image) =>
        image.Width == Width && image.Height == Height ? image : ImageResizer.Resize(image, Width, Height);

    public string Describe() =>
        (CentralFraction is { } fraction ? $"central-crop {fraction.ToString("0.###", CultureInfo.InvariantCulture)}" : "whole image")
        + "; resize " + Interpolation;
}
