namespace FaceCompat.Models.Cards;

/// <summary>
/// Everything needed to obtain, verify, convert and feed one model: where its files come from (with
/// their sha256), how its input tensor is made from RGB pixels, and which output is the embedding.
/// Built-in cards are YAML files embedded in the library; user cards are YAML files on disk.
/// </summary>
public sealed record ModelCard
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public required ModelFamily Family { get; init; }
    /// <summary>False for a model that runs but whose embeddings are known to be defective.</summary>
    public bool Usable { get; init; } = true;
    /// <summary>Why the model is not usable, or anything else a user should know.</summary>
    public string Note { get; init; } = "";
    public string Licence { get; init; } = "";
    public required ModelSource Source { get; init; }
    public required ModelFormat Format { get; init; }
    public required ModelInput Input { get; init; }
    public required ModelOutput Output { get; init; }
    /// <summary>Central fraction of the LFW frame the reference protocol feeds this model (0.6).</summary>
    public double ReferenceCrop { get; init; } = 0.6;
    /// <summary>Where the card was read from: "built-in" or a file path (user cards resolve relative paths against it).</summary>
    public string Origin { get; init; } = "built-in";
    /// <summary>What the model is for: an embedding model (the default), or a face detector/landmarker of the alignment stage.</summary>
    public ModelRole Role { get; init; } = ModelRole.Embedding;
    /// <summary>Where the five alignment points go in this model's input (null: the ArcFace template scaled to the input size).</summary>
    public AlignmentTemplate? AlignTemplate { get; init; }

    public int Dimension => Output.Dimension;
    /// <summary>The family's card name: face-identity, face-attribute or generic-vision.</summary>
    public string FamilyName => ModelFamilies.Name(Family);
}

/// <summary>What a model was trained for; its card name (<see cref="ModelFamilies.Name"/>) is what the study groups by.</summary>
public enum ModelFamily { FaceIdentity, FaceAttribute, GenericVision }

/// <summary>The card names of the families: <c>face-identity</c>, <c>face-attribute</c>, <c>generic-vision</c>.</summary>
internal static class ModelFamilies
{
    public static string Name(ModelFamily family) => family switch
    {
        ModelFamily.FaceIdentity => "face-identity",
        ModelFamily.FaceAttribute => "face-attribute",
        ModelFamily.GenericVision => "generic-vision",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>Every family in study order.</summary>
    public static IReadOnlyList<ModelFamily> All { get; } = [ModelFamily.FaceIdentity, ModelFamily.FaceAttribute, ModelFamily.GenericVision];
}

/// <summary>Embedding models make the study; detector and landmark models only serve the <c>align</c> preprocessing.</summary>
public enum ModelRole { Embedding, Detector, Landmarks }

/// <summary>
/// Target positions of the five alignment points (left eye, right eye, nose tip, left and right mouth
/// corner, as seen in the image) in a <see cref="Width"/> x <see cref="Height"/> frame; scaled to the
/// model's input size when they differ. <see cref="Evidence"/> says where the numbers come from.
/// </summary>
public sealed record AlignmentTemplate(int Width, int Height, IReadOnlyList<float> Points, string Evidence = "")
{
    /// <summary>The five-point ArcFace (insightface) template of 112x112 crops.</summary>
    public static AlignmentTemplate ArcFace112 { get; } = new(112, 112,
        [38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f],
        "insightface's five-point 112x112 ArcFace template");
}

/// <summary>How the source files are turned into an ONNX graph.</summary>
public enum ModelFormat
{
    /// <summary>A TensorFlow.js graph model (model.json + weight shards).</summary>
    TfjsGraph,
    /// <summary>face-api.js's recognition net, rebuilt from its weights manifest.</summary>
    FaceApiRecognition,
    /// <summary>face-api.js's age-gender net (TinyXception), rebuilt from its weights manifest.</summary>
    FaceApiAgeGender,
    /// <summary>face-api.js's face expression net (FaceFeatureExtractor), rebuilt from its weights manifest.</summary>
    FaceApiExpression,
    /// <summary>The MobileNetV1 backbone of face-api.js's SSD face detector, rebuilt from its weights manifest.</summary>
    FaceApiSsdMobilenetV1,
    /// <summary>An ONNX file, used as it is (optionally with a symbolic batch and a prepended graph).</summary>
    Onnx,
    /// <summary>A float TFLite model (.tflite), converted to ONNX (symbolic batch; free height/width for fully convolutional graphs).</summary>
    Tflite,
}

public enum PackageManager { Npm, NuGet, File }

public sealed record ModelSource
{
    public required PackageManager Manager { get; init; }
    /// <summary>Package name (npm or NuGet); empty for <see cref="PackageManager.File"/>.</summary>
    public string Package { get; init; } = "";
    public string Version { get; init; } = "";
    /// <summary>Every file used, by its path inside the package (or on disk for File sources).</summary>
    public required IReadOnlyList<SourceFile> Files { get; init; }
    /// <summary>The file the converter starts from (model.json, weights manifest or .onnx).</summary>
    public required string Entry { get; init; }
    /// <summary>Optional ONNX graph run before the model (its output feeds the model's input); folded into one graph.</summary>
    public string? Prepend { get; init; }
    /// <summary>Rewrite the ONNX graph's first dimension as a symbolic batch (for exports fixed at batch 1).</summary>
    public bool SymbolicBatch { get; init; }

    /// <summary>"name@version", the folder name of this package in the cache and in offline copies.</summary>
    public string PackageKey => $"{Package}@{Version}";
}

public sealed record SourceFile(string Path, string? Sha256);

public enum TensorLayout { Nhwc, Nchw }

/// <summary>Channel order of the input tensor; Gray is one channel, 0.2989 R + 0.5870 G + 0.1140 B (as @vladmandic/human makes it).</summary>
public enum ColourOrder { Rgb, Bgr, Gray }

/// <summary>
/// How pixels become the input tensor: value = (pixel * Scale - Mean[c]) / Std[c], with pixel in
/// 0..255 and c the channel in the tensor's colour order.
/// </summary>
public sealed record ModelInput
{
    public required string Name { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required TensorLayout Layout { get; init; }
    public required ColourOrder Colour { get; init; }
    public float Scale { get; init; } = 1f;
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];
    /// <summary>True when the graph does its own normalisation (the tensor then carries raw 0..255 values).</summary>
    public bool GraphNormalises { get; init; }
    /// <summary>The value range the graph expects at its input, in words (e.g. "0..255", "-1..1").</summary>
    public string ValueRange { get; init; } = "";
    /// <summary>Where the normalisation comes from (source code, measurements).</summary>
    public string Evidence { get; init; } = "";

    /// <summary>Channels of the input tensor: 1 for Gray, else 3.</summary>
    public int Channels => Colour == ColourOrder.Gray ? 1 : 3;

    public string Describe() =>
        $"{Name} {Width}x{Height} {Layout.ToString().ToUpperInvariant()} {Colour.ToString().ToUpperInvariant()} " +
        (GraphNormalises ? "0..255 (graph normalises)" : $"(p*{Scale:G4}-[{string.Join(",", Mean)}])/[{string.Join(",", Std)}]");
}

/// <summary>How the embedding is read from an output tensor.</summary>
public enum OutputPooling
{
    /// <summary>The output is already [batch, dim] (trailing singleton dims allowed).</summary>
    None,
    /// <summary>Mean over spatial positions of a [batch, C, H, W] (NCHW) or [batch, H, W, C] (NHWC) map.</summary>
    MeanSpaceNchw,
    MeanSpaceNhwc,
    /// <summary>Mean over the tokens of a [batch, tokens, dim] output.</summary>
    MeanTokens,
    /// <summary>The first (CLS) token of a [batch, tokens, dim] output.</summary>
    ClsToken,
}

/// <summary>
/// The tensor the embedding is read from: a declared output of the graph or any named tensor inside
/// it (a layer tap: the converter exposes it as a graph output), pooled as <see cref="Pooling"/> says.
/// </summary>
public sealed record ModelOutput
{
    public required string Name { get; init; }
    public required int Dimension { get; init; }
    public OutputPooling Pooling { get; init; } = OutputPooling.None;
    /// <summary>Further graph outputs kept by the conversion (detector and landmark models have several).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];
}
