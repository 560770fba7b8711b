using FaceCompat.Infrastructure;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Models.Inference;

/// <summary>Creates ONNX Runtime sessions with the thread count and execution provider asked for.</summary>
internal static class OnnxSessionFactory
{
    /// <param name="spinning">
    /// Whether ONNX Runtime's intra-op worker threads busy-wait for work (its default: inside and between
    /// runs). Spinning wins when inference has the cores to itself; when other threads (image decoding)
    /// share the cores, a spinning worker takes CPU time they need.
    /// </param>
    public static InferenceSession Create(string onnxPath, int threads, ExecutionDevice device, SpinningMode spinning = SpinningMode.On)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            if (spinning == SpinningMode.Off)
            {
                options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            }
            if (device == ExecutionDevice.Cuda)
            {
                try
                {
                    options.AppendExecutionProvider_CUDA(0);
                }
                catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    throw new FaceCompatException($"The CUDA execution provider is not available ({ex.Message}). Use the CPU (the default), or install an ONNX Runtime build with CUDA.");
                }
            }
            return new InferenceSession(onnxPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new FaceCompatException($"ONNX Runtime cannot load {onnxPath}: {ex.Message}", ex);
        }
        finally
        {
            options.Dispose();
        }
    }
}
