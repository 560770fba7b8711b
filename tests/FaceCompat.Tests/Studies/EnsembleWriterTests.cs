using FaceCompat.Studies.Ensembles;

namespace FaceCompat.Tests.Studies;

/// <summary>summary.csv of an ensemble run: mean, std and Student-t interval over seeds, "not_measurable" where one seed gives none.</summary>
public sealed class EnsembleWriterTests
{
    [Fact]
    public void OneSeedHasNoMeasurableSpreadTwoSeedsHaveTheStudentTInterval()
    {
        var rows = new List<EnsembleRow>
        {
            new("hub-fusion", "a+b", 42, "strict", "identification", "rank1", 0.9),
            new("single", "a", 42, "strict", "identification", "rank1", 0.8),
            new("single", "a", 7, "strict", "identification", "rank1", 0.6),
        };
        var dir = Path.Combine(Directory.CreateTempSubdirectory("fc-ensemble-").FullName, "out");
        EnsembleWriter.WriteFolder(dir, new EnsembleResult(["a", "b"], rows, [], []));
        var lines = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        Assert.Contains("hub-fusion,a+b,strict,rank1,1,0.9,not_measurable,not_measurable,not_measurable", lines);
        // two seeds: std 0.1414..., t(0.975, 1) = 12.706 -> half-width 12.706 * 0.1414 / sqrt 2 = 1.2706
        var single = lines.Single(l => l.StartsWith("single,a,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(0.7, double.Parse(single[5], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.7 - 1.2706, double.Parse(single[7], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.DoesNotContain(lines, l => l.Contains("NaN", StringComparison.Ordinal));
    }
}
