using System.Text.Json.Nodes;
using FaceCompat.Alignment;
using FaceCompat.Datasets;
using FaceCompat.Imaging;
using FaceCompat.IntegrationTests.Zoo;
using FaceCompat.Models.Cards;
using Xunit.Abstractions;

namespace FaceCompat.IntegrationTests.Alignment;

/// <summary>
/// The converted BlazeFace and face mesh with this project's anchors, decoding, NMS and crop, against
/// TF.js running @vladmandic/human's algorithm on the same 256x256 inputs
/// (tools/reference/make-detector-reference.js; fixture in Fixtures/detector).
/// </summary>
public class DetectorReferenceTests(ITestOutputHelper log)
{
    private const int Size = 256;

    private static (JsonArray Results, byte[] Pixels) Fixture()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "detector");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "detector-reference.json")))!;
        var npy = File.ReadAllBytes(Path.Combine(dir, "detector-input-256.npy"));
        var headerLength = BitConverter.ToUInt16(npy, 8);
        return (json["results"]!.AsArray(), npy[(10 + headerLength)..]);
    }

    private static (BlazeFaceDetector Detector, FaceMeshLandmarker Mesh) Open()
    {
        var detector = RealModels.Prepare("blazeface");
        var mesh = RealModels.Prepare("facemesh");
        return (new BlazeFaceDetector(detector.Card, detector.OnnxPath), new FaceMeshLandmarker(mesh.Card, mesh.OnnxPath));
    }

    private static float[] Floats(JsonNode node) => node.AsArray().Select(v => v!.GetValue<float>()).ToArray();

    [Fact]
    public void Boxes_keypoints_nms_and_mesh_match_humans_javascript()
    {
        var (results, pixels) = Fixture();
        var (detector, mesh) = Open();
        using var _ = detector;
        using var __ = mesh;
        for (var k = 0; k < results.Count; k++)
        {
            var expected = results[k]!;
            var image = new RgbImage(Size, Size, pixels.AsSpan(k * Size * Size * 3, Size * Size * 3).ToArray());
            Assert.Equal(expected["candidatesAboveThreshold"]!.GetValue<int>(), detector.Candidates(image).Count);
            var faces = detector.DetectAll(image, 10);
            var want = expected["faces"]!.AsArray();
            Assert.Equal(want.Count, faces.Count);
            for (var f = 0; f < faces.Count; f++)
            {
                var box = Floats(want[f]!["box"]!);
                Assert.Equal(want[f]!["score"]!.GetValue<float>(), faces[f].Score, 3);
                float[] actualBox = [faces[f].X1, faces[f].Y1, faces[f].X2, faces[f].Y2];
                var boxDiff = box.Zip(actualBox, (a, b) => Math.Abs(a - b)).Max();
                var keyDiff = Floats(want[f]!["keypoints"]!).Zip(faces[f].Keypoints, (a, b) => Math.Abs(a - b)).Max();
                log.WriteLine($"{expected["image"]} face {f}: box max diff {boxDiff:E2} px, keypoints {keyDiff:E2} px");
                Assert.True(boxDiff < 1e-3, $"box differs by {boxDiff} px");
                Assert.True(keyDiff < 1e-3, $"keypoints differ by {keyDiff} px");
            }
            if (faces.Count == 0) continue;
            var crop = FaceMeshLandmarker.CropBox(faces[0]);
            Assert.Equal(Floats(want[0]!["cropBox"]!), new[] { crop.X1, crop.Y1, crop.X2, crop.Y2 });
            var (points, score) = mesh.Locate(image, crop);
            var meshDiff = Floats(expected["mesh"]!).Zip(points, (a, b) => Math.Abs(a - b)).Max();
            log.WriteLine($"{expected["image"]}: mesh max diff {meshDiff:E2} px, score {score} (js {expected["meshScore"]})");
            Assert.True(meshDiff < 1e-2, $"mesh differs by {meshDiff} px");
            Assert.Equal(expected["meshScore"]!.GetValue<float>(), score, 3);
        }
    }

    [Fact]
    public void Blank_image_has_no_face_and_is_recorded_as_such()
    {
        var (detector, mesh) = Open();
        using var landmarker = new FaceLandmarker(detector, mesh);
        var blank = new RgbImage(200, 200, new byte[200 * 200 * 3]);
        Assert.Null(landmarker.Locate(blank));

        var dir = Path.Combine(Path.GetTempPath(), "facecompat-noface-" + Guid.NewGuid().ToString("N"));
        try
        {
            var file = Path.Combine(dir, "nobody", "blank.ppm");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, [.. System.Text.Encoding.ASCII.GetBytes("P6\n200 200\n255\n"), .. new byte[200 * 200 * 3]]);
            var dataset = new ImageDataset("blank", dir, [new DatasetImage(Path.GetRelativePath(dir, file), "nobody", file)], referenceCrop: null);
            var entries = LandmarkCache.Compute(dataset, 1, new PreparedAligner(Aligner.Mesh, [RealModels.Prepare("blazeface"), RealModels.Prepare("facemesh")]));
            var entry = Assert.Single(entries);
            Assert.Null(entry.Landmarks);
            Assert.Contains("no face found", entry.Reason);
            var plan = new AlignPreprocessor(new LandmarkSet(new string('0', 64), "blank", entries), AlignmentTemplate.ArcFace112.Points.ToArray(), 112, 112, null);
            var (aligned, reason) = plan.Align(blank, entry.Path);
            Assert.Null(aligned);
            Assert.StartsWith("align: no face found", reason);
        }
        finally { Directory.Delete(dir, true); }
    }
}
