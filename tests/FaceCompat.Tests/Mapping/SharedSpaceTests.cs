using System.Globalization;
using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Hub;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Mapping;

/// <summary>The shared space's reported convergence, its size, and its refusals.</summary>
public class SharedSpaceTests
{
    private static readonly PreparationOptions Reference = new();

    private static (string, Matrix)[] Models() =>
        GeneralizedProcrustesTests.ThreeNoisySpaces().Spaces.Select((x, k) => ($"m{k}", x)).ToArray();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1e-12, 3)]
    [InlineData(0.5, 50)]
    public void APairMapReportsHowTheHubConverged(double tolerance, int maxIterations)
    {
        var hub = SharedSpace.Fit(Models(), Reference, 6, tolerance, maxIterations);
        var joined = hub.Join("late", SyntheticEmbeddings.Gaussian(30, 4, 9));
        var notes = hub.PairMap("hub-procrustes", new Dictionary<string, string>(), hub.Member("m0")!, joined).Notes;
        var fit = hub.Convergence;
        Assert.Equal("m0 m1 m2", notes["hub_members"]);
        Assert.Equal("6", notes["hub_dimension"]);
        Assert.Equal(tolerance, Number(notes["hub_tolerance"]));
        Assert.Equal(maxIterations.ToString(CultureInfo.InvariantCulture), notes["hub_max_iterations"]);
        Assert.Equal(fit.Iterations.ToString(CultureInfo.InvariantCulture), notes["hub_iterations"]);
        Assert.Equal(tolerance == 0.5 ? "true" : "false", notes["hub_converged"]);
        Assert.Equal(fit.Objectives[^1], Number(notes["hub_objective"]));
        Assert.Equal(fit.Objectives[^1] / fit.TotalSquares, Number(notes["hub_relative_objective"]), 15);
        var trace = notes["hub_objective_trace"].Split(' ').Select(Number).ToArray();
        Assert.Equal(fit.Iterations, trace.Length);
        for (var k = 0; k < trace.Length; k++) Assert.Equal(fit.Objectives[k] / fit.TotalSquares, trace[k], 8);
        Assert.InRange(trace[^1], 1e-6, 1); // noisy spaces: a spread that is neither zero nor all the energy
        Assert.True(Number(notes["hub_fit_seconds"]) >= 0);
        Assert.Equal(("false", "true"), (notes["source_joined"], notes["target_joined"]));
    }

    [Fact]
    public void ItsSizeIsTheMeanAndTheRotations()
    {
        var hub = SharedSpace.Fit(Models(), Reference, 6, 1e-9, 20);
        Assert.Equal((30 * 6 + 3 * 6 * 6) * sizeof(double), hub.Bytes);
    }

    [Fact]
    public void BadMembersAreRefused()
    {
        var models = Models();
        string Refusal(Action fit) => Assert.Throws<FaceCompatException>(fit).Message;
        Assert.Contains("at least one model", Refusal(() => SharedSpace.Fit([], Reference, 6, 1e-6, 10)));
        Assert.Contains("'m0' is given twice", Refusal(() => SharedSpace.Fit([models[0], models[1], models[0]], Reference, 6, 1e-6, 10)));
        Assert.Contains("same images", Refusal(() => SharedSpace.Fit([models[0], ("short", SyntheticEmbeddings.Gaussian(29, 5, 3))], Reference, 6, 1e-6, 10)));
        Assert.Contains("cannot shrink", Refusal(() => SharedSpace.Fit(models, Reference, 4, 1e-6, 10)));
        SharedSpace.Fit(models, Reference, 5, 1e-6, 10); // exactly the widest member's dimension
        var pca = new PreparationOptions { Matching = DimensionMatching.Pca };
        Assert.Contains("cannot widen", Refusal(() => SharedSpace.Fit(models, pca, 6, 1e-6, 10)));

        var hub = SharedSpace.Fit(models, Reference, 6, 1e-6, 10);
        Assert.Contains("already a member", Refusal(() => hub.Join("m1", models[1].Item2)));
        Assert.Contains("30 images", Refusal(() => hub.Join("late", SyntheticEmbeddings.Gaussian(20, 4, 4))));
        Assert.Contains("cannot shrink", Refusal(() => hub.Join("late", SyntheticEmbeddings.Gaussian(30, 7, 4))));
        Assert.True(hub.Join("late", SyntheticEmbeddings.Gaussian(30, 6, 4)).Joined);
    }
}
