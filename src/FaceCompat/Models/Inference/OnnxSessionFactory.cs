using FaceCompat.Infrastructure;
using Microsoft.ML.OnnxRuntime;

namespace FaceCompat.Models.Inference;

/// <summary>Creates ONNX Runtime sessions with the thread count and execution provider asked for.</summary>
public static class OnnxSessionFactory
{
    public static InferenceSession Create(string onnxPath, int threads, ExecutionDevice device)
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
