namespace FaceCompat.Tests.Cli;

/// <summary>Usage errors look like every other user error: "error:" lines, exit code 2, and where the usage is.</summary>
public sealed class CliUsageTests
{
    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "nosuchcommand" }, "nosuchcommand")]
    [InlineData(new[] { "map", "fit", "--nosuchflag" }, "--nosuchflag")]
    [InlineData(new[] { "compare", "--embeddings", "x", "--source", "a", "--target", "b", "--out", "y", "--seeds", "one" }, "one")]
    [InlineData(new[] { "study-tables" }, "--study")]
    public void UsageErrorsExitWithTwoAndOneErrorPrefix(string[] args, string mentioned)
    {
        var run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("error: ", StringComparison.Ordinal) && l.Contains(mentioned, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("Run 'facecompat --help'", StringComparison.Ordinal), l));
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("map", "fit")]
    [InlineData("operating-points")]
    [InlineData("study-tables")]
    [InlineData("extract")]
    [InlineData("map", "apply")]
    [InlineData("search")]
    [InlineData("accuracy")]
    // Every input is a named option, no command takes positional arguments: "[options]" is the whole usage line.
    public void UsageLinesNameTheToolAsUsersCallIt(params string[] command)
    {
        var run = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"  facecompat {string.Join(' ', command)} [options]", run.Stdout);
        Assert.DoesNotContain("FaceCompat.Cli", run.Stdout);
    }

    [Fact]
    public void InfoAndVersionAgree()
    {
        var version = CliRunner.Run("--version").Stdout.Trim();
        Assert.Contains("+", version); // version and commit
        Assert.Contains($"version: {version}", CliRunner.Run("info").Stdout);
    }
}
