// recipe-begin: evaluate
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Mapping;
using FaceCompat.Studies;

public static class EvaluateEmbeddings
{
    /// <summary>Two models' embeddings of the same images, made by another system: one .npy each
    /// (rows x dimension, float32) and the person of each row, one per line.</summary>
    public static (double Procrustes, double Unaligned, double? MigratedTmr) Run(string oldNpy, string newNpy, string peopleFile)
    {
        var people = File.ReadAllLines(peopleFile);
        var inputs = ComparisonInputs.FromSets("old", "new",
            EmbeddingSets.ReadNpy(oldNpy, people), EmbeddingSets.ReadNpy(newNpy, people));

        // Cross-model identification: maps fitted on 70% of the people, scored on the others, two seeds.
        var options = new ComparisonOptions { Maps = [MapRegistry.Procrustes.Spec(), MapRegistry.Unaligned.Spec()], Seeds = [42, 7], BootstrapResamples = 0 };
        var comparison = CrossModelComparison.Run(inputs, CrossModelComparison.Plan(inputs, options));
        double Rank1(string map) => comparison.Summary.Single(s => s.Map == map && s.Protocol == "strict" && s.Metric == Metrics.Rank1.Name).Summary.Mean;

        // Operating points: the migrated gallery at the new model's own FMR 1e-2 threshold.
        var points = OperatingPointsRun.Run(inputs, fit: null, new OperatingPointsOptions
        {
            Maps = [MapRegistry.Procrustes.Spec()], Seeds = [42], FalseMatchRates = [1e-2], FalsePositiveIdentificationRates = [1e-1],
        });
        var tmr = points.Rows.Single(r => r.Scenario == Scenario.Migrated && r.Metric == Metrics.Tmr && r.OperatingPoint == 1e-2).Value;
        return (Rank1("procrustes"), Rank1("unaligned"), tmr);
    }
}
// recipe-end
