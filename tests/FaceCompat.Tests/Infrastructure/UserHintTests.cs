using FaceCompat.Datasets;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Infrastructure;

/// <summary>Library errors say what to do in neutral words and carry a typed hint; no CLI flag in the message.</summary>
public class UserHintTests
{
    [Fact]
    public void MissingDatasetAsksForTheDataRoot()
    {
        using var empty = new TempDirectory();
        var lfw = Assert.Throws<FaceCompatException>(() => LfwDataset.ReadPairs(empty.Path));
        var cfp = Assert.Throws<FaceCompatException>(() => CfpDataset.ReadPairs(empty.Path, CfpProtocol.FF));
        foreach (var error in new[] { lfw, cfp })
        {
            Assert.Equal(UserHint.DataRoot, error.Hint);
            Assert.Contains("set the data root", error.Message);
            Assert.DoesNotContain("--", error.Message);
        }
    }

    [Fact]
    public void NonEmptyOutputFolderAsksForAnotherOne()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(System.IO.Path.Combine(dir.Path, "x"), "");
        var error = Assert.Throws<FaceCompatException>(() => OutputDirectory.EnsureUsable(dir.Path));
        Assert.Equal(UserHint.OutputFolder, error.Hint);
        Assert.Null(error.HintSubject);
        Assert.DoesNotContain("--", error.Message);
    }
}
