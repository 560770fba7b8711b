using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Infrastructure;

public class AtomicFileTests
{
    [Fact]
    public void FailedWriteLeavesNoFileAndNoTemporary()
    {
        var dir = Directory.CreateTempSubdirectory("fc-atomic-").FullName;
        var target = Path.Combine(dir, "out.bin");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.Write(new byte[100]);
            throw new InvalidOperationException("boom");
        }));

        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void FailedRewriteKeepsPreviousContent()
    {
        var dir = Directory.CreateTempSubdirectory("fc-atomic-").FullName;
        var target = Path.Combine(dir, "out.txt");
        AtomicFile.WriteAllText(target, "first");

        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(target, _ => throw new IOException("disk full")));

        Assert.Equal("first", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(dir));
    }
}
