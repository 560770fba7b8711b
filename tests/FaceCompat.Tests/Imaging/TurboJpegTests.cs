using System.Runtime.InteropServices;
using FaceCompat.Imaging;
using SkiaSharp;

namespace FaceCompat.Tests.Imaging;

/// <summary>
/// The system TurboJPEG path (<see cref="TurboJpeg"/>) gives exactly Skia's pixels, and anything it does not
/// decode cleanly goes to Skia. scripts/bootstrap.sh installs the library, so its absence is a failure here.
/// </summary>
public class TurboJpegTests
{
    [Fact]
    public void The_system_library_is_bound()
    {
        Assert.True(TurboJpeg.Available, "libturbojpeg.so.0 was not found: run scripts/bootstrap.sh");
    }

    public static TheoryData<int, int, int, bool> Cases()
    {
        var data = new TheoryData<int, int, int, bool>();
        // TJSAMP_444 = 0, 422 = 1, 420 = 2, GRAY = 3, 440 = 4, 411 = 5; baseline and progressive.
        foreach (var (w, h) in new[] { (250, 250), (251, 187), (97, 133), (33, 40) })
        foreach (var sampling in new[] { 0, 1, 2, 3, 4, 5 })
        foreach (var progressive in new[] { false, true })
            data.Add(w, h, sampling, progressive);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pixels_equal_skias_for_every_sampling_baseline_and_progressive(int width, int height, int sampling, bool progressive)
    {
        var bytes = Compress(TestImages.Pattern(width, height, width + sampling), sampling, progressive);
        var skia = ImageDecoder.DecodeWithSkia(bytes);
        Assert.True(skia.Ok, skia.SkipReason);
        var rgb = new byte[width * height * 3];
        Assert.True(TurboJpeg.TryDecodeRgb(bytes, width, height, rgb));
        Assert.Equal(skia.Image!.Pixels, rgb);
        // and through the decoder's public paths
        var decoder = new ImageDecoder();
        Assert.Equal(skia.Image.Pixels, decoder.Decode(bytes).Image!.Pixels);
        Assert.Equal(ImageOps.CropCentral(skia.Image, 0.6).Pixels, decoder.DecodeCentral(bytes, 0.6).Image!.Pixels);
    }

    [Fact]
    public void Skias_own_encoding_decodes_to_the_same_pixels()
    {
        var bytes = TestImages.Encode(TestImages.Pattern(150, 120, 4), SKEncodedImageFormat.Jpeg, 80);
        var rgb = new byte[150 * 120 * 3];
        Assert.True(TurboJpeg.TryDecodeRgb(bytes, 150, 120, rgb));
        Assert.Equal(ImageDecoder.DecodeWithSkia(bytes).Image!.Pixels, rgb);
    }

    [Theory]
    [InlineData(0.98)]
    [InlineData(0.6)]
    [InlineData(0.1)]
    public void A_truncated_file_is_refused_so_skia_gives_the_reason(double keep)
    {
        var bytes = Compress(TestImages.Pattern(120, 90), 2, progressive: false);
        var cut = bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray();
        Assert.False(TurboJpeg.TryDecodeRgb(cut, 120, 90, new byte[120 * 90 * 3]));
        var decoded = new ImageDecoder().Decode(cut);
        Assert.False(decoded.Ok);
        Assert.Equal(ImageDecoder.DecodeWithSkia(cut).SkipReason, decoded.SkipReason);
    }

    [Fact]
    public void A_size_other_than_the_headers_is_refused()
    {
        var bytes = Compress(TestImages.Pattern(64, 48), 2, progressive: false);
        Assert.False(TurboJpeg.TryDecodeRgb(bytes, 48, 64, new byte[64 * 48 * 3]));
        Assert.False(TurboJpeg.TryDecodeRgb(bytes, 64, 48, new byte[10]));
        Assert.False(TurboJpeg.TryDecodeRgb("not a jpeg"u8, 64, 48, new byte[64 * 48 * 3]));
    }

    /// <summary>Encodes with the same system library (tjCompress2), which, unlike Skia, writes progressive files and every sampling.</summary>
    private static unsafe byte[] Compress(RgbImage image, int sampling, bool progressive)
    {
        var library = NativeLibrary.Load("libturbojpeg.so.0");
        var init = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitCompress");
        var compress = (delegate* unmanaged<nint, byte*, int, int, int, int, byte**, nuint*, int, int, int, int>)NativeLibrary.GetExport(library, "tjCompress2");
        var free = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(library, "tjFree");
        var destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
        var handle = init();
        try
        {
            byte* output = null;
            nuint size = 0;
            var source = sampling == 3 ? Gray(image) : image.Pixels;
            var pixelFormat = sampling == 3 ? 6 : 0; // TJPF_GRAY, TJPF_RGB
            fixed (byte* p = source)
            {
                var result = compress(handle, p, image.Width, 0, image.Height, pixelFormat, &output, &size, sampling, 88,
                    progressive ? 16384 : 0); // TJFLAG_PROGRESSIVE
                Assert.Equal(0, result);
            }
            var bytes = new ReadOnlySpan<byte>(output, (int)size).ToArray();
            free(output);
            return bytes;
        }
        finally
        {
            destroy(handle);
        }
    }

    private static byte[] Gray(RgbImage image)
    {
        var gray = new byte[image.Width * image.Height];
        for (var i = 0; i < gray.Length; i++) gray[i] = image.Pixels[i * 3 + 1];
        return gray;
    }
}
