using System.Text.Json.Nodes;
using FaceCompat.Datasets;
using FaceCompat.Extraction;
using FaceCompat.Infrastructure;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;

namespace FaceCompat.IntegrationTests.Alignment;

/// <summary>Real LFW images through the align preprocessing of a real model: rows, manifest and reuse of the landmark cache.</summary>
public class AlignedExtractionTests
{
    [Fact]
    public void Align_extraction_records_the_preprocessing_and_embeds_every_face()
    {
        RealModels.Prepare("blazeface");
        RealModels.Prepare("facemesh");
        var dataset = LfwDataset.Load(FaceCompatPaths.DataRoot(), IdentitySubset.First(4));
        var output = Path.Combine(Path.GetTempPath(), "facecompat-align-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new ExtractionOptions { OutputRoot = output, Preprocess = PreprocessMode.Align, DecodeThreads = 1, BatchSize = 4 };
            var result = ModelExtraction.Run(dataset, ModelCatalog.Get("mobileface"), options, threads: 2);
            Assert.Equal(dataset.Images.Count, result.Rows);
            Assert.Empty(result.Skipped);
            var entry = JsonNode.Parse(File.ReadAllText(result.ManifestPath))!["models"]!["mobileface"]!;
            Assert.Equal("align", entry["preprocess"]!.GetValue<string>());
            Assert.StartsWith("aligned: five-point", entry["preprocessing"]!.GetValue<string>());
            Assert.Equal(dataset.Images.Count, entry["alignment"]!["facesFromMesh"]!.GetValue<int>() + entry["alignment"]!["facesFromDetectorOnly"]!.GetValue<int>());
            Assert.True(File.Exists(entry["alignment"]!["landmarks"]!.GetValue<string>()));
        }
        finally { if (Directory.Exists(output)) Directory.Delete(output, true); }
    }
}
