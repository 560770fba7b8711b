using FaceCompat.Infrastructure;
using FaceCompat.Models.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FaceCompat.Tests.Models.Zoo;

public class OnnxOutputsTests
{
    // A PyTorch-style export at batch 1: Conv -> Relu ("features") -> Reshape by a Constant node [1, -1]
    // -> MatMul ("logits"), with the weights also listed as graph inputs (as old exporters did).
    private static ModelProto TorchStyleNet()
    {
        var b = new OnnxGraphBuilder("torch", opset: 13);
        var x = b.AddInput("input", 1, 3, 4, 4);
        var w = b.AddInitializer("w", Enumerable.Range(0, 2 * 3 * 3 * 3).Select(i => MathF.Sin(i)).ToArray(), 2, 3, 3, 3);
        var conv = b.AddNode("Conv", [x, w], OnnxAttribute.Ints("pads", 1, 1, 1, 1));
        var features = b.AddNode("Relu", [conv], output: "features");
        var m = b.AddInitializer("m", Enumerable.Range(0, 32 * 5).Select(i => MathF.Cos(i)).ToArray(), 32, 5);
        var product = b.AddNode("MatMul", [b.AddNode("Reshape", [features, "shape"]), m]);
        b.AddOutput(b.AddNode("Reshape", [product, "shape2"], output: "logits"), 1, 5, 1);
        var model = b.Build();
        // Two Constant nodes whose tensors have no name of their own (as PyTorch writes them).
        foreach (var (output, values) in new[] { ("shape", new[] { 1L, -1L }), ("shape2", new[] { 1L, 5L, 1L }) })
        {
            var shape = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
            shape.Dims.Add(values.Length);
            shape.Int64Data.AddRange(values);
            var constant = new NodeProto { OpType = "Constant", Name = output + "_node" };
            constant.Output.Add(output);
            constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = shape });
            model.Graph.Node.Insert(0, constant);
        }
        foreach (var t in model.Graph.Initializer)
            model.Graph.Input.Add(new ValueInfoProto { Name = t.Name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = t.DataType } } });
        return model;
    }

    private static float[] Inputs(int batch) => Enumerable.Range(0, batch * 48).Select(i => (i * 37 % 101) / 10f - 3f).ToArray();

    private static float[] Run(ModelProto model, float[] data, long[] shape, string output) => RunWithShape(model, data, shape, output).Values;

    private static (float[] Values, long[] Shape) RunWithShape(ModelProto model, float[] data, long[] shape, string output)
    {
        using var session = new InferenceSession(model.ToByteArray());
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var results = session.Run(new RunOptions(), ["input"], [value], [output]);
        return (results[0].GetTensorDataAsSpan<float>().ToArray(), results[0].GetTensorTypeAndShape().Shape);
    }

    [Fact]
    public void ATapExposesTheInternalTensorAndDropsTheHead()
    {
        var model = TorchStyleNet();
        OnnxOutputs.Select(model, ["features"], "toy (m.onnx)", "toy");
        Assert.Equal(["features"], model.Graph.Output.Select(o => o.Name));
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType is "MatMul" or "Reshape" or "Constant");
        Assert.Equal(2, model.Graph.Node.Count);
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name == "m");
        var data = Inputs(1);
        var tapped = Run(model, data, [1, 3, 4, 4], "features");
        Assert.Equal(32, tapped.Length);
        Assert.Contains(tapped, v => v > 0);
        Assert.All(tapped, v => Assert.True(v >= 0)); // after the Relu, not the Conv before it
    }

    [Fact]
    public void ADeclaredOutputStaysAndTheOthersGo()
    {
        var model = TorchStyleNet();
        var expected = Run(TorchStyleNet(), Inputs(1), [1, 3, 4, 4], "logits");
        model.Graph.Output.Add(new ValueInfoProto { Name = "features" });
        OnnxOutputs.Select(model, ["logits"], "toy (m.onnx)", "toy");
        Assert.Equal(["logits"], model.Graph.Output.Select(o => o.Name));
        Assert.Equal(expected, Run(model, Inputs(1), [1, 3, 4, 4], "logits"));
    }

    [Fact]
    public void AnUnknownTensorNameIsRefusedWithHowToListTheNames()
    {
        var ex = Assert.Throws<FaceCompatException>(() => OnnxOutputs.Select(TorchStyleNet(), ["featurez"], "toy (m.onnx)", "toy"));
        Assert.Contains("no tensor named 'featurez'", ex.Message);
        Assert.Contains("logits", ex.Message);
        Assert.Equal((UserHint.ListTensors, "toy"), (ex.Hint, ex.HintSubject));
    }

    [Fact]
    public void ComputedListsEveryNodeOutputWithItsOperator()
    {
        var computed = OnnxOutputs.Computed(TorchStyleNet());
        Assert.Contains(("features", "Relu"), computed);
        Assert.Contains(("shape", "Constant"), computed);
        Assert.Contains(("shape2", "Constant"), computed);
        Assert.Equal(("logits", "Reshape"), computed[^1]);
    }

    [Fact]
    public void InitializersListedAsInputsAreDropped()
    {
        var model = TorchStyleNet();
        OnnxOutputs.DropInitializerInputs(model);
        Assert.Equal(["input"], model.Graph.Input.Select(i => i.Name));
    }

    [Fact]
    public void SymbolicBatchFreesAReshapeFedByAConstantNodeAndATap()
    {
        var model = TorchStyleNet();
        OnnxOutputs.DropInitializerInputs(model);
        OnnxBatchDimension.MakeSymbolic(model);
        var data = Inputs(3);
        var (batched, shape) = RunWithShape(model, data, [3, 3, 4, 4], "logits");
        Assert.Equal([3L, 5L, 1L], shape); // each Reshape keeps its own shape
        Assert.DoesNotContain(model.Graph.Node, n => n.OpType == "Constant"); // the replaced shapes are gone
        Assert.Equal(15, batched.Length);
        for (var i = 0; i < 3; i++)
        {
            var single = Run(TorchStyleNet(), data[(i * 48)..((i + 1) * 48)], [1, 3, 4, 4], "logits");
            for (var j = 0; j < 5; j++) Assert.Equal(single[j], batched[i * 5 + j], 1e-5f);
        }
    }
}
