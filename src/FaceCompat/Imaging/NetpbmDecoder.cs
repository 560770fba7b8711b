namespace FaceCompat.Imaging;

/// <summary>
/// Reads the Netpbm formats Skia lacks: PGM (P2 text, P5 binary) and PPM (P3, P6), maxval up to 65535
/// (scaled to 8 bits). Grey becomes R = G = B. Malformed files give a skip reason.
/// </summary>
internal static class NetpbmDecoder
{
    public static bool IsNetpbm(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] is (byte)'2' or (byte)'3' or (byte)'5' or (byte)'6';

    public static DecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        var kind = (char)bytes[1];
        var pos = 2;
        if (!TryReadInt(bytes, ref pos, out var width) || !TryReadInt(bytes, ref pos, out var height) || !TryReadInt(bytes, ref pos, out var maxValue))
            return DecodeResult.Skip("corrupt PGM/PPM header");
        if (width <= 0 || height <= 0 || maxValue <= 0 || maxValue > 65535 || (long)width * height > 64L * 1024 * 1024)
            return DecodeResult.Skip($"invalid PGM/PPM header ({width}x{height}, maxval {maxValue})");
        var channels = kind is '2' or '5' ? 1 : 3;
        var samples = width * height * channels;
        var values = new int[samples];
        if (kind is '5' or '6')
        {
            pos++; // exactly one whitespace byte after maxval
            var bytesPerSample = maxValue > 255 ? 2 : 1;
            if (bytes.Length - pos < (long)samples * bytesPerSample) return DecodeResult.Skip("truncated PGM/PPM data");
            for (var i = 0; i < samples; i++)
                values[i] = bytesPerSample == 1 ? bytes[pos + i] : (bytes[pos + 2 * i] << 8) | bytes[pos + 2 * i + 1];
        }
        else
        {
            for (var i = 0; i < samples; i++)
                if (!TryReadInt(bytes, ref pos, out values[i])) return DecodeResult.Skip("truncated PGM/PPM data");
        }
        var rgb = new byte[width * height * 3];
        for (var p = 0; p < width * height; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = values[channels == 1 ? p : p * 3 + c];
                rgb[p * 3 + c] = (byte)Math.Clamp((v * 255 + maxValue / 2) / maxValue, 0, 255);
            }
        }
        return DecodeResult.Success(new RgbImage(width, height, rgb));
    }

    private static bool TryReadInt(ReadOnlySpan<byte> bytes, ref int pos, out int value)
    {
        value = 0;
        while (pos < bytes.Length)
        {
            if (bytes[pos] == (byte)'#') { while (pos < bytes.Length && bytes[pos] != (byte)'\n') pos++; }
            else if (bytes[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') pos++;
            else break;
        }
        var start = pos;
        long v = 0;
        while (pos < bytes.Length && bytes[pos] >= (byte)'0' && bytes[pos] <= (byte)'9' && v <= int.MaxValue)
            v = v * 10 + (bytes[pos++] - '0');
        if (pos == start || v > int.MaxValue) return false;
        value = (int)v;
        return true;
    }
}
