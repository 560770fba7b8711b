using System.Security.Cryptography;
using System.Text;
using FaceCompat.Alignment;
using FaceCompat.Extraction;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Inference;

namespace FaceCompat.Tests.Alignment;

/// <summary>Mesh- and MTCNN-aligned landmarks and embeddings never share a cache entry, file or folder.</summary>
public class AlignerSeparationTests
{
    private static PreparedModel Model(string id, string sha) =>
        new(FaceCompat.Tests.Models.Zoo.TestPackages.NpmCard(id, "p", "1", ("f", [1])), "/x/" + id + ".onnx", new Dictionary<string, (string, string)> { ["package/" + id + ".bin"] = ("/x/" + id, sha) });

    [Fact]
    public void The_mesh_aligners_landmark_key_is_the_one_it_had_before_there_were_aligners()
    {
        var mesh = new PreparedAligner(Aligner.Mesh, [Model("blazeface", "aa"), Model("facemesh", "bb")]);
        const string legacy = "landmarks=1\nfiles=F\nblazeface:package/blazeface.bin=aa\nfacemesh:package/facemesh.bin=bb\n";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(legacy))), LandmarkCache.Key("F", mesh));
    }

    [Fact]
    public void The_aligner_is_part_of_the_landmark_key()
    {
        var models = new[] { Model("a", "aa"), Model("b", "bb") };
        Assert.NotEqual(LandmarkCache.Key("F", new PreparedAligner(Aligner.Mesh, models)), LandmarkCache.Key("F", new PreparedAligner(Aligner.Mtcnn, models)));
    }

    [Fact]
    public void Aligned_embeddings_of_each_aligner_have_their_own_default_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "emb");
        Assert.Equal(root, ExtractionOptions.DefaultOutputRoot(PreprocessMode.Crop, root, Aligner.Mtcnn));
        Assert.Equal(root + "-aligned", ExtractionOptions.DefaultOutputRoot(PreprocessMode.Align, root));
        Assert.Equal(root + "-aligned-mtcnn", ExtractionOptions.DefaultOutputRoot(PreprocessMode.Align, root, Aligner.Mtcnn));
    }

    [Fact]
    public void The_landmark_set_file_records_its_aligner_and_sources()
    {
        var entries = new List<LandmarkEntry>
        {
            new("a/1.jpg", new FaceLandmarks(LandmarkSource.Mtcnn, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99f, float.NaN, [0, 0, 20, 20]), null, 7),
            new("a/2.jpg", null, "no face found", 8),
        };
        var set = new LandmarkSet(new string('1', 64), "lfw", entries, aligner: Aligner.Mtcnn);
        var read = LandmarkSet.FromJson(set.ToJson(), "x.json");
        Assert.Equal(Aligner.Mtcnn, read.Aligner);
        Assert.Equal(LandmarkSource.Mtcnn, read.Entries[0].Landmarks!.Source);
        Assert.Equal(entries[0].Landmarks!.Points, read.Entries[0].Landmarks!.Points);
        // a file written before there were aligners reads as the mesh aligner's
        var legacy = new LandmarkSet(new string('1', 64), "lfw", [entries[1]]).ToJson().Replace("\"aligner\":\"mesh\",", "");
        Assert.DoesNotContain("aligner", legacy);
        Assert.Equal(Aligner.Mesh, LandmarkSet.FromJson(legacy, "old.json").Aligner);
    }

    [Fact]
    public void The_aligner_is_in_the_preprocessing_description_that_keys_extractions_and_in_the_manifest()
    {
        LandmarkSet Set(Aligner a) => new(new string('2', 64), "lfw", [new LandmarkEntry("a.jpg", null, "no face")], aligner: a);
        var template = AlignmentTemplate.ArcFace112.Points.ToArray();
        var mesh = new AlignPreprocessor(Set(Aligner.Mesh), template, 112, 112, null);
        var mtcnn = new AlignPreprocessor(Set(Aligner.Mtcnn), template, 112, 112, null);
        Assert.Contains("of blazeface+facemesh landmarks (cache 2222", mesh.Describe());
        Assert.Contains("of mtcnn (p/r/o-net) landmarks", mtcnn.Describe());
        Assert.Equal("mtcnn", mtcnn.ManifestNode()["aligner"]!.GetValue<string>());
        Assert.Equal("mesh", mesh.ManifestNode()["aligner"]!.GetValue<string>());
    }
}
