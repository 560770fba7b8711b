namespace FaceCompat.Imaging;

/// <summary>How a decoded image becomes a model input before the model's own tensor normalisation.</summary>
public enum CropMode
{
    /// <summary>The whole image, resized (aspect ratio not kept) to the model's input size.</summary>
    Whole,

    /// <summary>The central <see cref="Preprocessing.CropFraction"/> of each side, then resized.</summary>
    Central,

    /// <summary>Warped onto the model's five-point template from cached landmarks (<see cref="Preprocessing.Align"/>).</summary>
    Aligned,
}

/// <summary>
/// Geometric preprocessing of one dataset for one model: crop, resize (see <see cref="ImageResizer"/>)
/// and an optional flip test. Pixel values are never normalised here; the embedder does that.
/// </summary>
public sealed record Preprocessing(CropMode Crop, double CropFraction, bool Flip)
{
    /// <summary>The reference LFW crop: central 60% of the 250x250 deep-funneled frame.</summary>
    public static Preprocessing LfwReference(bool flip = false) => new(CropMode.Central, 0.6, flip);

    /// <summary>The image as given: no crop, resized to the input size.</summary>
    public static Preprocessing AsGiven(bool flip = false) => new(CropMode.Whole, 1.0, flip);

    /// <summary>For <see cref="CropMode.Aligned"/>: the landmarks, template and no-face handling.</summary>
    public Alignment.AlignmentPlan? Align { get; init; }

    public const string Interpolation = "bilinear (triangle filter, half-pixel centres, antialiased when downscaling; Pillow BILINEAR)";

    /// <summary>Crops and resizes a decoded image to the model's input size.</summary>
    public RgbImage Apply(RgbImage image, int width, int height)
    {
        if (Crop == CropMode.Aligned) throw new InvalidOperationException("Aligned preprocessing needs the image's path: use Align.Apply.");
        var cropped = Crop == CropMode.Central ? ImageOps.CropCentral(image, CropFraction) : image;
        return cropped.Width == width && cropped.Height == height ? cropped : ImageResizer.Resize(cropped, width, height);
    }

    /// <summary>
    /// Decodes an image file and crops and resizes it to the model's input size: the same bytes as
    /// <see cref="ImageDecoder.Decode(string)"/> followed by <see cref="Apply"/>, with the same skip
    /// reasons, but a central crop decodes only the region it keeps (<see cref="ImageDecoder.DecodeCentral(string, double)"/>).
    /// </summary>
    public DecodeResult Load(ImageDecoder decoder, string path, int width, int height)
    {
        if (Crop == CropMode.Aligned) throw new InvalidOperationException("Aligned preprocessing needs the image's path: use Align.Apply.");
        var decoded = Crop == CropMode.Central ? decoder.DecodeCentral(path, CropFraction) : decoder.Decode(path);
        if (!decoded.Ok) return decoded;
        var image = decoded.Image!;
        return DecodeResult.Success(image.Width == width && image.Height == height ? image : ImageResizer.Resize(image, width, height));
    }

    /// <summary>A short stable text for manifests and cache keys.</summary>
    public string Describe() =>
        Crop == CropMode.Aligned
            ? Align!.Describe() + (Flip ? "; flip test (mean of image and mirror embeddings, L2-normalised)" : "; no flip")
            : (Crop == CropMode.Central ? $"central-crop {CropFraction.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}" : "whole image")
        + "; resize " + Interpolation + (Flip ? "; flip test (mean of image and mirror embeddings, L2-normalised)" : "; no flip");
}
