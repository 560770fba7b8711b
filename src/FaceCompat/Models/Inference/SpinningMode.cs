namespace FaceCompat.Models.Inference;

/// <summary>How ONNX Runtime's intra-op worker threads wait for work.</summary>
internal enum SpinningMode
{
    /// <summary>Workers sleep when idle: nothing taken from other threads sharing the cores.</summary>
    Off,
    /// <summary>Workers busy-wait inside and between runs (ONNX Runtime's default): fastest when inference has the cores to itself.</summary>
    On,
}
