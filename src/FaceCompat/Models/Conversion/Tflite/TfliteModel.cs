namespace FaceCompat.Models.Conversion.Tflite;

/// <summary>
/// A tensor of a TFLite subgraph: its shape (shape_signature's -1 marks a dimension left free by the
/// exporter), element type and, for constants, the values (float16 widened to float32).
/// </summary>
internal sealed record TfliteTensor(int Index, string Name, int[] Shape, TfliteTensorType Type)
{
    public float[]? Floats { get; init; }
    public int[]? Ints { get; init; }
    /// <summary>True when the tensor carries quantisation scales (affine quantisation).</summary>
    public bool HasQuantisation { get; init; }
    public bool IsConstant => Floats is not null || Ints is not null;
    public int Rank => Shape.Length;
    public long[] LongShape => Shape.Select(d => (long)d).ToArray();
}

/// <summary>One operator of the subgraph, with its builtin options table when it has one.</summary>
internal sealed record TfliteOperator(int Index, int Code, int[] Inputs, int[] Outputs, FlatTable? Options)
{
    public string Name => TfliteNames.Operator(Code);
}

/// <summary>The main subgraph of a .tflite file: tensors, operators in execution order, graph inputs and outputs.</summary>
internal sealed record TfliteModel(string SourcePath, IReadOnlyList<TfliteTensor> Tensors, IReadOnlyList<TfliteOperator> Operators,
    IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs);
