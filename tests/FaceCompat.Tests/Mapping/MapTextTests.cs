using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;

namespace FaceCompat.Tests.Mapping;

/// <summary>The text form of maps and the hub's parameters: what is refused, what is equal, what is read.</summary>
public class MapTextTests
{
    [Theory]
    [InlineData("ridge:=1", "not key=value")]
    [InlineData(":alpha=1", "empty map name")]
    [InlineData("ridge:alpha=1:alpha=2", "parameter 'alpha' is given twice")]
    [InlineData("cca:x=1", "unknown parameter 'x'; cca accepts components, reg")]
    [InlineData("hub:tolerance=0", "tolerance must be a number in (0, 1)")]
    [InlineData("hub:tolerance=1", "tolerance must be a number in (0, 1)")]
    [InlineData("hub:iterations=0", "iterations must be a positive integer")]
    public void BadTextIsRefused(string spec, string message) =>
        Assert.Contains(message, Assert.Throws<FaceCompatException>(() => MapSpec.Parse(spec).CreateFitter()).Message);

    [Fact]
    public void AListSkipsEmptyEntriesAndSpaces() =>
        Assert.Equal(["procrustes", "ridge"], MapSpec.ParseList(" procrustes,, ridge ,").Select(m => m.Name));

    [Fact]
    public void TheHubsDefaultsAndEdgesAreItsParameters()
    {
        var defaults = MapSpec.Parse("hub").CreateFitter();
        Assert.Equal("100", defaults.Parameters["iterations"]);
        Assert.Equal(1e-6, double.Parse(defaults.Parameters["tolerance"], System.Globalization.CultureInfo.InvariantCulture));
        var edges = MapSpec.Parse("hub:tolerance=0.5:iterations=1").CreateFitter();
        Assert.Equal(("1", "0.5"), (edges.Parameters["iterations"], edges.Parameters["tolerance"]));
        Assert.Equal("hub-procrustes:leave-out=c", MapSpec.Parse("hub:leave-out=c").Label);
    }

    [Fact]
    public void HubParametersAreEqualExactlyWhenEveryPartIs()
    {
        var p = new HubProcrustesParameters(["a", "b"], ["c"], 1e-6, 10);
        Assert.Equal(p, new HubProcrustesParameters(["a", "b"], ["c"], 1e-6, 10));
        Assert.Equal(p.GetHashCode(), new HubProcrustesParameters(["a", "b"], ["c"], 1e-6, 10).GetHashCode());
        Assert.Equal(new HubProcrustesParameters(), new HubProcrustesParameters());
        Assert.Equal(new HubProcrustesParameters().GetHashCode(), new HubProcrustesParameters().GetHashCode());
        HubProcrustesParameters[] others =
        [
            new(["b", "a"], ["c"], 1e-6, 10), new(["a"], ["c"], 1e-6, 10), new(null, ["c"], 1e-6, 10), new(["a", "b"], null, 1e-6, 10),
            new(["a", "b"], ["d"], 1e-6, 10), new(["a", "b"], ["c"], 1e-5, 10), new(["a", "b"], ["c"], 1e-6, 11),
        ];
        foreach (var other in others)
        {
            Assert.NotEqual(p, other);
            Assert.NotEqual(other, p);
        }
        Assert.False(p.Equals(null));
        // the hash separates what equality separates (HashCode is randomised per process: ~1e-9 chance of a collision here)
        Assert.Equal(others.Length + 1, others.Append(p).Select(o => o.GetHashCode()).Distinct().Count());
    }

    [Fact]
    public void AMapDescribesItselfOnOneLine()
    {
        Assert.Equal("procrustes (orthogonal): orthogonal Procrustes, W = U V^T from the SVD of X^T Y (reference)",
            MapRegistry.Find("procrustes")!.Describe());
        Assert.Equal("ridge [alpha]: ridge without intercept, alpha default 0.1 (reference)", MapRegistry.Find("ridge")!.Describe());
        Assert.StartsWith("cca [components, reg]: ", MapRegistry.Find("cca")!.Describe());
        Assert.StartsWith("lstsq (linear, least-squares) [rcond, solver]: ", MapRegistry.Find("lstsq")!.Describe());
    }

    [Theory]
    [InlineData("lstsq:rcond=0.5", "lstsq:rcond=0.5")]
    [InlineData("cca:reg=0.1:components=3", "cca:components=3:reg=0.1")]
    [InlineData("poly2:alpha=3", "poly2:alpha=3")]
    [InlineData("rrr:rank=5", "rrr:rank=5")]
    [InlineData("random-orthogonal:seed=3", "random-orthogonal:seed=3")]
    public void EveryMapsParametersAreInItsLabel(string spec, string label) => Assert.Equal(label, MapSpec.Parse(spec).Label);

    [Fact]
    public void ParametersOfAnotherMapAreRefused() =>
        Assert.Throws<FaceCompatException>(() => MapRegistry.Find("ridge")!.CreateFitter(new CcaParameters()));
}
