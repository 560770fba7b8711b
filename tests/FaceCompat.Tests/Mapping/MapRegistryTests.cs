using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;

namespace FaceCompat.Tests.Mapping;

public class MapRegistryTests
{
    [Fact]
    public void TextIsReadIntoTypedParametersAndRenderedBackAsGiven()
    {
        var ridge = MapSpec.Parse("ridge:alpha=1e-3");
        Assert.Same(RidgeFitter.Descriptor, ridge.Map);
        Assert.Equal(new RidgeParameters(0.001), ridge.Parameters);
        Assert.Equal("ridge:alpha=0.001", ridge.Label);
        Assert.Equal("alpha=0.001", ridge.ParameterText);
        Assert.Equal("ridge", MapSpec.Parse("RIDGE").Label); // a parameter left out is not in the label
        Assert.Equal("lstsq:solver=gelsd", MapSpec.Parse("linear:solver=gelsd").Label);
        Assert.Equal("lstsq:solver=auto", MapSpec.Parse("lstsq:solver=auto").Label); // a default given stays in the label
        Assert.Equal("empty map name in ''.", Assert.Throws<FaceCompatException>(() => MapSpec.Parse(null!)).Message);
        Assert.Equal(new LeastSquaresParameters(null, LeastSquaresSolver.Gelsd), MapSpec.Parse("lstsq:solver=gelsd").Parameters);
        var shuffled = MapSpec.Parse("shuffled:base=ridge:alpha=2:seed=5");
        Assert.Equal(new ShuffledParameters(new MapSpec(RidgeFitter.Descriptor, new RidgeParameters(2)), 5), shuffled.Parameters);
        Assert.Equal("shuffled:base=ridge:alpha=2:seed=5", shuffled.Label);
        Assert.Equal(shuffled, MapSpec.Parse(shuffled.Label));
    }

    [Fact]
    public void TheFitterTakesTheTypedParametersAndControlsTheSplitSeed()
    {
        Assert.Equal("ridge:alpha=2", new MapSpec(RidgeFitter.Descriptor, new RidgeParameters(2)).CreateFitter(7).Spec);
        Assert.Equal("ridge:alpha=0.1", RidgeFitter.Descriptor.Spec().CreateFitter(7).Spec);
        Assert.Equal("random-orthogonal:seed=7", MapSpec.Parse("random-orthogonal").CreateFitter(7).Spec);
        Assert.Equal("random-orthogonal:seed=3", MapSpec.Parse("random-orthogonal:seed=3").CreateFitter(7).Spec);
        Assert.Equal("random-orthogonal:seed=0", MapSpec.Parse("random-orthogonal").CreateFitter().Spec);
        Assert.Equal("shuffled:base=procrustes:seed=9", MapSpec.Parse("shuffled").CreateFitter(9).Spec);
        Assert.IsType<ScaledProcrustesFitter>(MapSpec.Parse("procrustes-scaled").CreateFitter());
        Assert.IsType<ProcrustesFitter>(MapSpec.Parse("procrustes").CreateFitter());
    }

    [Fact]
    public void RolesAndDefaultListsDeriveFromTheRegistry()
    {
        Assert.Equal("unaligned", MapRegistry.Baseline.Name);
        Assert.Equal(["shuffled", "random-orthogonal"], MapRegistry.Controls.Select(m => m.Name));
        Assert.Equal(["procrustes", "lstsq", "ridge"], MapRegistry.Reference.Select(m => m.Label));
        Assert.Equal(["procrustes", "lstsq", "ridge", "unaligned", "shuffled", "random-orthogonal"], MapRegistry.ComparisonDefault.Select(m => m.Label));
        Assert.All(MapRegistry.All, m => Assert.Same(m, MapRegistry.Find(m.Name)));
        Assert.All(MapRegistry.All, m => Assert.Equal(m.Name, m.Spec().CreateFitter(1).Name));
        Assert.True(MapRegistry.Order("poly2") < MapRegistry.Order("unaligned"));
        Assert.Equal(MapRegistry.All.Count, MapRegistry.Order("no-such-map"));
    }

    [Fact]
    public void ParametersOfAnotherMapAreRefused()
    {
        var error = Assert.Throws<FaceCompatException>(() => new MapSpec(RidgeFitter.Descriptor, new ReducedRankParameters(3)));
        Assert.Contains("ridge", error.Message);
        Assert.Throws<FaceCompatException>(() => MapSpec.Parse("shuffled:base=shuffled"));
    }
}
