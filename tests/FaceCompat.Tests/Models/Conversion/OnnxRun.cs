using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceCompat.Tests.Models.Conversion;

/// <summary>Runs an ONNX model on one float input and returns every output (values, shape).</summary>
internal static class OnnxRun
{
    public static Dictionary<string, (float[] Values, int[] Shape)> Run(byte[] model, string inputName, float[] input, params int[] shape)
    {
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(input, shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        return results.ToDictionary(r => r.Name, r =>
        {
            var t = r.AsTensor<float>();
            return (t.ToArray(), t.Dimensions.ToArray());
        });
    }

    public static float[] Random(int count, int seed, float low = -1f, float high = 1f)
    {
        var rng = new Random(seed);
        var r = new float[count];
        for (var i = 0; i < count; i++) r[i] = low + (float)rng.NextDouble() * (high - low);
        return r;
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"index {i}: expected {expected[i]}, got {actual[i]}");
    }
}
