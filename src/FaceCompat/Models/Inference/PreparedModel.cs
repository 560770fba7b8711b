using FaceCompat.Models.Cards;

namespace FaceCompat.Models.Inference;

/// <summary>A model ready to run: its card, the verified source files and the ONNX file made from them.</summary>
/// <param name="SourceFiles">Card source path -> (local path, sha256).</param>
public sealed record PreparedModel(ModelCard Card, string OnnxPath, IReadOnlyDictionary<string, (string LocalPath, string Sha256)> SourceFiles);
