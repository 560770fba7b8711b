namespace FaceCompat.Models.Conversion;

/// <summary>Row-major data transposition, the NHWC/NCHW permutations and TF filter layouts as ONNX wants them.</summary>
internal static class TensorData
{
    public static readonly int[] NhwcToNchw = [0, 3, 1, 2];
    public static readonly int[] NchwToNhwc = [0, 2, 3, 1];

    /// <summary>Transposes row-major <paramref name="data"/> of <paramref name="shape"/>: output axis i is input axis perm[i].</summary>
    public static T[] Transpose<T>(T[] data, long[] shape, int[] perm, out long[] newShape)
    {
        var rank = shape.Length;
        newShape = new long[rank];
        for (var i = 0; i < rank; i++) newShape[i] = shape[perm[i]];
        var inStrides = Strides(shape);
        var result = new T[data.Length];
        var index = new long[rank];
        for (var o = 0; o < result.Length; o++)
        {
            long src = 0;
            for (var i = 0; i < rank; i++) src += index[i] * inStrides[perm[i]];
            result[o] = data[src];
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < newShape[i]) break;
                index[i] = 0;
            }
        }
        return result;
    }

    /// <summary>A TF convolution filter [kh, kw, in, out] as ONNX Conv weights [out, in, kh, kw].</summary>
    public static float[] ConvFilter(float[] hwio, long[] shape, out long[] oihw) => Transpose(hwio, shape, [3, 2, 0, 1], out oihw);

    /// <summary>
    /// A TF depthwise filter [kh, kw, in, mult] as ONNX grouped-Conv weights [in*mult, 1, kh, kw]
    /// (group = in): output channel i*mult+m, as TF orders them.
    /// </summary>
    public static float[] DepthwiseFilter(float[] hwim, long[] shape, out long[] weightShape)
    {
        var weights = Transpose(hwim, shape, [2, 3, 0, 1], out _);
        weightShape = [shape[2] * shape[3], 1, shape[0], shape[1]];
        return weights;
    }

    public static long[] Strides(long[] shape)
    {
        var s = new long[shape.Length];
        long acc = 1;
        for (var i = shape.Length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
        return s;
    }

    /// <summary>Left-pads a shape with ones to <paramref name="rank"/> (numpy broadcasting alignment).</summary>
    public static long[] PadLeft(long[] shape, int rank)
    {
        var r = new long[rank];
        var offset = rank - shape.Length;
        for (var i = 0; i < rank; i++) r[i] = i < offset ? 1 : shape[i - offset];
        return r;
    }
}
