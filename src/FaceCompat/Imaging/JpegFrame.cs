namespace FaceCompat.Imaging;

/// <summary>
/// The few facts of a JPEG's frame header (SOF) that decide whether a region can be decoded alone:
/// component count and the largest sampling factors. Reads markers up to the first SOF only.
/// </summary>
internal readonly record struct JpegFrame(int Width, int Height, int Components, int MaxHorizontalSampling, int MaxVerticalSampling)
{
    public static JpegFrame? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return null;
        var i = 2;
        while (i + 4 <= bytes.Length)
        {
            if (bytes[i] != 0xFF) return null;
            var marker = bytes[i + 1];
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7) { i += 2; continue; }
            var length = (bytes[i + 2] << 8) | bytes[i + 3];
            if (length < 2) return null;
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 2 + length > bytes.Length || length < 8) return null;
                var height = (bytes[i + 5] << 8) | bytes[i + 6];
                var width = (bytes[i + 7] << 8) | bytes[i + 8];
                var components = bytes[i + 9];
                if (length < 8 + 3 * components) return null;
                int maxH = 1, maxV = 1;
                for (var c = 0; c < components; c++)
                {
                    var sampling = bytes[i + 11 + 3 * c];
                    maxH = Math.Max(maxH, sampling >> 4);
                    maxV = Math.Max(maxV, sampling & 15);
                }
                return new JpegFrame(width, height, components, maxH, maxV) { Marker = marker };
            }
            if (marker == 0xDA) return null; // scan before any frame header
            i += 2 + length;
        }
        return null;
    }

    /// <summary>The SOF marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...).</summary>
    public byte Marker { get; init; }
}
