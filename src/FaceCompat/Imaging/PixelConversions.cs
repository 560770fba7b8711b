using System.Runtime.Intrinsics;

namespace FaceCompat.Imaging;

/// <summary>Packed pixel format conversions (SIMD where the hardware has it).</summary>
internal static class PixelConversions
{
    private static readonly Vector128<byte> DropAlpha = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0, 0, 0, 0);

    /// <summary>Drops the alpha byte of each RGBA pixel; transparent pixels keep their colour values.</summary>
    public static void RgbaToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        var pixels = rgba.Length / 4;
        if (rgb.Length < pixels * 3) throw new ArgumentException("Destination is too small.", nameof(rgb));
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 4 pixels per step: 16 bytes in, 12 out; the 16-byte store's last 4 bytes are overwritten by
            // the next step, so stop while a whole 16-byte store still fits.
            for (; i + 4 <= pixels && i * 3 + 16 <= rgb.Length; i += 4)
                Vector128.Shuffle(Vector128.Create(rgba.Slice(i * 4, 16)), DropAlpha).CopyTo(rgb.Slice(i * 3, 16));
        }
        for (; i < pixels; i++)
        {
            rgb[i * 3] = rgba[i * 4];
            rgb[i * 3 + 1] = rgba[i * 4 + 1];
            rgb[i * 3 + 2] = rgba[i * 4 + 2];
        }
    }
}
