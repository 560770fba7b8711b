using System.Globalization;
using FaceCompat.Embeddings;

namespace FaceCompat.Tests.Studies;

/// <summary>
/// Exchange folders of synthetic embeddings for two datasets ("lfw" and "cfp-frontal" by name): each
/// identity has a latent vector; model m sees it through its own fixed random linear map plus noise, so
/// fitted maps recover identity across models while the unaligned baseline and the controls do not.
/// </summary>
internal static class SyntheticStudyInputs
{
    public static readonly string[] Models = ["alpha", "beta", "gamma"];

    /// <param name="aligned">Also write "aligned" folders (lfw-aligned, cfp-aligned): the same identities with less noise,
    /// as landmark alignment would give, lacking every <paramref name="skipEvery"/>-th image of LFW (0 = none), as
    /// <c>align_fallback: skip</c> would.</param>
    public static string Create(int identities = 40, int perIdentity = 4, bool aligned = false, int skipEvery = 0)
    {
        var root = Path.Combine(Path.GetTempPath(), "facecompat-study-" + Guid.NewGuid().ToString("N")[..8]);
        Write(Path.Combine(root, "lfw"), "L", identities, perIdentity, 1, 0.3, 0);
        Write(Path.Combine(root, "cfp"), "C", identities, perIdentity, 2, 0.3, 0);
        if (aligned)
        {
            Write(Path.Combine(root, "lfw-aligned"), "L", identities, perIdentity, 1, 0.1, skipEvery);
            Write(Path.Combine(root, "cfp-aligned"), "C", identities, perIdentity, 2, 0.1, 0);
        }
        return root;
    }

    /// <summary>The configuration of <see cref="Config"/> with both preprocessing variants (the aligned folders of <see cref="Create"/>).</summary>
    public static string AlignedConfig(string root, string fallback = "skip") =>
        Config(root).Replace("folders: { lfw: " + root + "/lfw, cfp-frontal: " + root + "/cfp }",
            "folders: { lfw: " + root + "/lfw, cfp-frontal: " + root + "/cfp }, aligned_folders: { lfw: " + root + "/lfw-aligned, cfp-frontal: " + root + "/cfp-aligned }")
        + $"\npreprocessing: {{ variants: [crop, align], align_fallback: {fallback} }}\n";

    /// <summary>The configuration with the alpha sweep on the data-efficiency settings, so a pair's two sweeps are computed together.</summary>
    public static string SharedSweepsConfig(string root)
    {
        var yaml = Config(root).Replace("train_ratios: [0.4, 0.7], test_ratio: 0.3, seeds: [42] }", "train_ratios: [0.3, 0.7], test_ratio: 0.3, seeds: [42, 7] }");
        return yaml != Config(root) ? yaml : throw new InvalidOperationException("the alpha sweep's settings in Config changed; update SharedSweepsConfig");
    }

    public static string Config(string root, string extra = "") => $$"""
        title: synthetic
        models: []
        imported:
          - { model: alpha, family: face-identity, folders: { lfw: {{root}}/lfw, cfp-frontal: {{root}}/cfp } }
          - { model: beta, family: face-identity, folders: { lfw: {{root}}/lfw, cfp-frontal: {{root}}/cfp } }
          - { model: gamma, family: generic-vision, folders: { lfw: {{root}}/lfw, cfp-frontal: {{root}}/cfp } }
        seeds: [42, 7]
        bootstrap: 50
        roc_points: 10
        experiments:
          data_efficiency: { enabled: true, dataset: lfw, train_ratios: [0.3, 0.7], test_ratio: 0.3, maps: [procrustes], seeds: [42, 7] }
          alpha_sweep: { enabled: true, dataset: lfw, alphas: [0.01, 10], train_ratios: [0.4, 0.7], test_ratio: 0.3, seeds: [42] }
          degree2: { enabled: true, datasets: [lfw], maps: ["poly2:alpha=0.0001", unaligned], seeds: [42] }
          space_similarity: { enabled: true, images: 60, neighbours: 5 }
        {{extra}}
        """;

    private static void Write(string dir, string prefix, int identities, int perIdentity, int seed, double noiseLevel, int skipEvery)
    {
        Directory.CreateDirectory(dir);
        const int latent = 12;
        var rng = new Random(seed);
        var ids = new double[identities][];
        for (var i = 0; i < identities; i++) ids[i] = Enumerable.Range(0, latent).Select(_ => Gaussian(rng)).ToArray();
        var records = new List<EmbeddingRecord>();
        for (var i = 0; i < identities; i++)
            for (var j = 0; j < perIdentity; j++)
                records.Add(new EmbeddingRecord(records.Count, $"{prefix}{i:D3}/{j}.jpg", $"{prefix}{i:D3}"));
        var folder = new EmbeddingFolder(dir);
        var modelRng = new Random(99); // the same model maps on both datasets
        foreach (var model in Models)
        {
            var dim = model == "gamma" ? 20 : 16;
            var w = new double[latent, dim];
            for (var a = 0; a < latent; a++) for (var b = 0; b < dim; b++) w[a, b] = Gaussian(modelRng);
            var values = new float[records.Count * dim];
            var noise = new Random(seed * 31 + model.Length);
            for (var r = 0; r < records.Count; r++)
            {
                var z = ids[r / perIdentity].Select(v => v + noiseLevel * Gaussian(noise)).ToArray();
                for (var b = 0; b < dim; b++)
                {
                    double s = 0;
                    for (var a = 0; a < latent; a++) s += z[a] * w[a, b];
                    values[r * dim + b] = (float)s;
                }
            }
            var set = new EmbeddingSet(values, records.Count, dim, records);
            if (skipEvery > 0)
                set = FaceCompat.Studies.StudyEmbeddings.RestrictRows(set, Enumerable.Range(0, records.Count).Where(r => r % skipEvery != skipEvery - 1).ToArray());
            folder.Write(model, set);
        }
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
