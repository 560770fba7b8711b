namespace FaceCompat.Tests.Models.Conversion;

/// <summary>
/// Plain-loop NHWC implementations of TF's convolution and pooling semantics (SAME: output
/// ceil(in/stride), padding split with the extra at the end), the hand computation the converted ONNX
/// graphs are checked against.
/// </summary>
internal static class NhwcReference
{
    public readonly record struct Pads(int Top, int Bottom, int Left, int Right);

    public static Pads Same(int h, int w, int kh, int kw, int sh, int sw, int dh = 1, int dw = 1)
    {
        static (int, int) One(int size, int k, int s, int d)
        {
            var outSize = (size + s - 1) / s;
            var total = Math.Max((outSize - 1) * s + (k - 1) * d + 1 - size, 0);
            return (total / 2, total - total / 2);
        }
        var (t, b) = One(h, kh, sh, dh);
        var (l, r) = One(w, kw, sw, dw);
        return new Pads(t, b, l, r);
    }

    /// <summary>x [n,h,w,c]; filter [kh,kw,c,outC] (or [kh,kw,c,mult] when depthwise).</summary>
    public static float[] Conv(float[] x, int n, int h, int w, int c, float[] filter, int kh, int kw, int last,
        int sh, int sw, int dh, int dw, Pads p, bool depthwise, out int oh, out int ow, out int oc)
    {
        oh = (h + p.Top + p.Bottom - ((kh - 1) * dh + 1)) / sh + 1;
        ow = (w + p.Left + p.Right - ((kw - 1) * dw + 1)) / sw + 1;
        oc = depthwise ? c * last : last;
        var y = new float[n * oh * ow * oc];
        for (var b = 0; b < n; b++)
        for (var i = 0; i < oh; i++)
        for (var j = 0; j < ow; j++)
        for (var o = 0; o < oc; o++)
        {
            double sum = 0;
            for (var u = 0; u < kh; u++)
            for (var v = 0; v < kw; v++)
            {
                var yy = i * sh + u * dh - p.Top;
                var xx = j * sw + v * dw - p.Left;
                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                if (depthwise)
                {
                    var ci = o / last;
                    sum += x[((b * h + yy) * w + xx) * c + ci] * filter[((u * kw + v) * c + ci) * last + o % last];
                }
                else
                    for (var ci = 0; ci < c; ci++)
                        sum += x[((b * h + yy) * w + xx) * c + ci] * filter[((u * kw + v) * c + ci) * last + o];
            }
            y[((b * oh + i) * ow + j) * oc + o] = (float)sum;
        }
        return y;
    }

    /// <summary>Max or average pooling; padded cells are ignored (TF semantics for both).</summary>
    public static float[] Pool(float[] x, int n, int h, int w, int c, int kh, int kw, int sh, int sw, Pads p, bool max, out int oh, out int ow)
    {
        oh = (h + p.Top + p.Bottom - kh) / sh + 1;
        ow = (w + p.Left + p.Right - kw) / sw + 1;
        var y = new float[n * oh * ow * c];
        for (var b = 0; b < n; b++)
        for (var i = 0; i < oh; i++)
        for (var j = 0; j < ow; j++)
        for (var ci = 0; ci < c; ci++)
        {
            double acc = max ? double.NegativeInfinity : 0;
            var count = 0;
            for (var u = 0; u < kh; u++)
            for (var v = 0; v < kw; v++)
            {
                var yy = i * sh + u - p.Top;
                var xx = j * sw + v - p.Left;
                if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                var val = x[((b * h + yy) * w + xx) * c + ci];
                acc = max ? Math.Max(acc, val) : acc + val;
                count++;
            }
            y[((b * oh + i) * ow + j) * c + ci] = (float)(max ? acc : acc / count);
        }
        return y;
    }
}
