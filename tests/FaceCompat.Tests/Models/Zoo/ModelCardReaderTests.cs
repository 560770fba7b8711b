using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;

namespace FaceCompat.Tests.Models.Zoo;

public class ModelCardReaderTests
{
    internal const string UserCard = """
        id: my-vit
        family: generic-vision
        format: onnx
        licence: test
        source:
          manager: file
          entry: vit.onnx
          files:
            - path: vit.onnx
        input:
          name: pixel_values
          width: 8
          height: 8
          layout: NCHW
          colour: RGB
          scale: 0.00392156862745098
          mean: [0.5, 0.5, 0.5]
          std: [0.5, 0.5, 0.5]
        output:
          name: last_hidden_state
          dimension: 4
          pooling: cls
        """;

    [Fact]
    public void ReadsAUserCard()
    {
        var card = ModelCardReader.Parse(UserCard, "/somewhere/card.yaml");
        Assert.Equal("my-vit", card.Id);
        Assert.Equal(ModelFamily.GenericVision, card.Family);
        Assert.Equal(PackageManager.File, card.Source.Manager);
        Assert.Equal(OutputPooling.ClsToken, card.Output.Pooling);
        Assert.Equal(TensorLayout.Nchw, card.Input.Layout);
        Assert.Equal(0.5f, card.Input.Std[2]);
        Assert.True(card.Usable);
    }

    [Theory]
    [InlineData("pooling: cls", "pooling: max", "output.pooling 'max' is not one of")]
    [InlineData("  name: pixel_values\n", "", "'input.name' is missing")]
    [InlineData("entry: vit.onnx", "entry: other.onnx", "source.entry 'other.onnx' is not among source.files")]
    [InlineData("std: [0.5, 0.5, 0.5]", "std: [0.5, 0, 0.5]", "input.std must not hold zero")]
    [InlineData("id: my-vit", "id: ../evil", "may hold only letters")]
    [InlineData("width: 8", "width: 8\n  colr: RGB", "invalid YAML")]
    public void BadCardsGiveOneClearMessage(string from, string to, string expected)
    {
        var ex = Assert.Throws<FaceCompatException>(() => ModelCardReader.Parse(UserCard.Replace(from, to), "card.yaml"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void PackageSourcesNeedHashes()
    {
        var yaml = UserCard.Replace("manager: file", "manager: npm\n  package: x\n  version: 1.0.0");
        var ex = Assert.Throws<FaceCompatException>(() => ModelCardReader.Parse(yaml, "card.yaml"));
        Assert.Contains("sha256", ex.Message);
    }
}
