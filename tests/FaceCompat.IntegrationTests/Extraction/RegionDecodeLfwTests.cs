using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;

namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>
/// The region decode used for the reference crop gives, on real LFW JPEGs, exactly the bytes of a whole
/// decode followed by the central 60% crop: every 40th image of LFW (331 images across the dataset).
/// </summary>
public sealed class RegionDecodeLfwTests
{
    [Fact]
    public void Central_crop_of_real_lfw_images_is_bitwise_equal_to_whole_decode_then_crop()
    {
        var root = FaceCompatPaths.DataRoot();
        if (!Directory.Exists(Path.Combine(root, "lfw"))) throw new InvalidOperationException($"LFW not found under {root} (set FACECOMPAT_DATA)");
        var dataset = LfwDataset.Load(root);
        var decoder = new ImageDecoder();
        var checkedImages = 0;
        var regionDecoded = 0;
        for (var i = 0; i < dataset.Images.Count; i += 40)
        {
            var bytes = File.ReadAllBytes(dataset.Images[i].FullPath);
            var whole = decoder.Decode(bytes);
            Assert.True(whole.Ok, $"{dataset.Images[i].RelativePath}: {whole.SkipReason}");
            var expected = ImageOps.CropCentral(whole.Image!, 0.6);
            var central = decoder.DecodeCentral(bytes, 0.6);
            Assert.True(central.Ok, central.SkipReason);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(central.Image!.Pixels), $"{dataset.Images[i].RelativePath}: region decode differs");
            // The fast path itself, not a fallback, produced it.
            var frame = JpegFrame.TryRead(bytes);
            Assert.NotNull(frame);
            if (JpegRegionDecoder.TryDecodeCentral(bytes, frame.Value, 0.6) is { } region)
            {
                Assert.Equal(expected.Pixels, region.Pixels);
                regionDecoded++;
            }
            checkedImages++;
        }
        Assert.Equal(331, checkedImages);
        Assert.Equal(checkedImages, regionDecoded);
    }
}
