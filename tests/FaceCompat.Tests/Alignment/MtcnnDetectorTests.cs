using FaceCompat.Alignment;
using FaceCompat.Imaging;
using FaceCompat.Infrastructure;

namespace FaceCompat.Tests.Alignment;

/// <summary>MTCNN.kt's stage order (P-Net, square, R-Net, square, O-Net) with scripted nets.</summary>
public class MtcnnDetectorTests
{
    /// <summary>
    /// P-Net fires at one cell of the first pyramid level only; R-Net and O-Net answer with fixed scores,
    /// offsets and (O-Net) landmarks, and record what they were given.
    /// </summary>
    private sealed class ScriptedNets(float rScore, float oScore, float[]? oOffsets = null) : IMtcnnNets
    {
        public List<(int Width, int Height)> PNetInputs { get; } = [];
        public List<int> RNetCounts { get; } = [];
        public List<int> ONetCounts { get; } = [];
        public (int X, int Y) Cell { get; init; } = (5, 5);
        public float[] POffsets { get; init; } = new float[4];

        public PNetMap RunPNet(float[] input, int width, int height)
        {
            Assert.Equal(width * height * 3, input.Length);
            PNetInputs.Add((width, height));
            int w = (int)Math.Ceiling(width * 0.5 - 5), h = (int)Math.Ceiling(height * 0.5 - 5);
            var face = new float[w * h * 2];
            var regression = new float[w * h * 4];
            if (PNetInputs.Count == 1)
            {
                face[(Cell.X * h + Cell.Y) * 2 + 1] = 0.95f;
                POffsets.CopyTo(regression, (Cell.X * h + Cell.Y) * 4);
            }
            return new PNetMap(w, h, face, regression);
        }

        public MtcnnRefinement RunRNet(float[] input, int count)
        {
            Assert.Equal(count * 24 * 24 * 3, input.Length);
            RNetCounts.Add(count);
            return new MtcnnRefinement(Enumerable.Repeat(rScore, count).ToArray(), new float[4 * count]);
        }

        public MtcnnRefinement RunONet(float[] input, int count)
        {
            Assert.Equal(count * 48 * 48 * 3, input.Length);
            ONetCounts.Add(count);
            var offsets = Enumerable.Range(0, count).SelectMany(_ => oOffsets ?? new float[4]).ToArray();
            var landmarks = Enumerable.Range(0, count).SelectMany(_ => new[] { 0.3f, 0.7f, 0.5f, 0.35f, 0.65f, 0.4f, 0.4f, 0.6f, 0.8f, 0.8f }).ToArray();
            return new MtcnnRefinement(Enumerable.Repeat(oScore, count).ToArray(), offsets, landmarks);
        }

        public void Dispose() { }
    }

    private static RgbImage Grey(int width, int height) => new(width, height, Enumerable.Repeat((byte)128, width * height * 3).ToArray());

    [Fact]
    public void One_pnet_cell_goes_through_rnet_and_onet_to_a_face_with_five_points()
    {
        var nets = new ScriptedNets(0.9f, 0.95f);
        using var detector = new MtcnnDetector(nets);
        var face = Assert.Single(detector.Detect(Grey(100, 100), 20));
        // first level: scale 12/20 = 0.6, 60x60; cell (5,5): round(10/0.6) = 17, round(21/0.6) = 35
        Assert.Equal((60, 60), nets.PNetInputs[0]);
        Assert.Equal(MtcnnPyramid.Scales(100, 100, 20).Count, nets.PNetInputs.Count);
        Assert.Equal([1], nets.RNetCounts);
        Assert.Equal([1], nets.ONetCounts);
        Assert.Equal((17, 17, 35, 35), (face.X1, face.Y1, face.X2, face.Y2));
        Assert.Equal(0.95f, face.Score);
        // 19 x 19 box: x = 17 + f * 19, y = 17 + f * 19
        Assert.Equal([22.7f, 24.6f, 30.3f, 24.6f, 26.5f, 28.4f, 23.65f, 32.2f, 29.35f, 32.2f], face.Landmarks!.Select(v => MathF.Round(v, 3)));
    }

    [Fact]
    public void Pnet_regression_is_applied_before_the_box_is_squared_for_rnet()
    {
        // offsets (0, 0, 0.5, 0) on the 19x19 box: x2 = 35 + 9.5 -> 44; 28 x 19 squared: y1 -= 9/2, y2 += 10/2 -> (17, 13, 44, 40)
        var nets = new ScriptedNets(0.9f, 0.95f) { POffsets = [0f, 0f, 0.5f, 0f] };
        using var detector = new MtcnnDetector(nets);
        var face = Assert.Single(detector.Detect(Grey(100, 100), 20));
        Assert.Equal((17, 13, 44, 40), (face.X1, face.Y1, face.X2, face.Y2));
    }

    [Fact]
    public void Onet_regression_moves_the_box_but_not_the_landmarks_placed_before_it()
    {
        var nets = new ScriptedNets(0.9f, 0.95f, [0.1f, 0.1f, 0.1f, 0.1f]);
        using var detector = new MtcnnDetector(nets);
        var face = Assert.Single(detector.Detect(Grey(100, 100), 20));
        Assert.Equal((18, 18, 36, 36), (face.X1, face.Y1, face.X2, face.Y2)); // 17 + 1.9 truncated
        Assert.Equal(22.7f, face.Landmarks![0], 3); // still 17 + 0.3 * 19
    }

    [Theory]
    [InlineData(0.69f, 0.95f, false)]
    [InlineData(0.7f, 0.95f, true)] // kept at exactly the threshold
    [InlineData(0.9f, 0.69f, false)]
    [InlineData(0.9f, 0.7f, true)]
    public void Rnet_and_onet_keep_scores_of_at_least_0_7(float rScore, float oScore, bool found)
    {
        using var detector = new MtcnnDetector(new ScriptedNets(rScore, oScore));
        Assert.Equal(found, detector.Detect(Grey(100, 100), 20).Count == 1);
    }

    [Fact]
    public void No_pnet_candidate_means_no_face_and_no_refinement_run()
    {
        var nets = new ScriptedNets(0.9f, 0.9f);
        using var detector = new MtcnnDetector(nets);
        Assert.Empty(detector.Detect(Grey(30, 30), 31)); // face size above the image: no pyramid level
        Assert.Empty(nets.PNetInputs);
        Assert.Empty(nets.RNetCounts);
    }

    [Fact]
    public void Largest_face_uses_the_managers_minimum_face_size_of_a_fifth_of_the_width()
    {
        var nets = new ScriptedNets(0.9f, 0.95f);
        using var landmarker = new MtcnnLandmarker(new MtcnnDetector(nets));
        var face = landmarker.Locate(Grey(100, 100));
        Assert.NotNull(face);
        Assert.Equal(LandmarkSource.Mtcnn, face.Source);
        Assert.Equal(5, face.Count);
        Assert.Equal((60, 60), nets.PNetInputs[0]); // min face 20 -> scale 0.6
    }
}

public class AlignerNamesTests
{
    [Theory]
    [InlineData("mesh", Aligner.Mesh)]
    [InlineData("MTCNN", Aligner.Mtcnn)]
    [InlineData(" mtcnn ", Aligner.Mtcnn)]
    public void Names_parse_case_insensitively(string name, Aligner expected) => Assert.Equal(expected, AlignerNames.Parse(name));

    [Theory]
    [InlineData("retinaface")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_aligner_is_one_clear_error_naming_the_choices(string? name)
    {
        var ex = Assert.Throws<FaceCompatException>(() => AlignerNames.Parse(name));
        Assert.Equal($"Unknown aligner '{name}': use one of mesh, mtcnn.", ex.Message);
    }

    [Fact]
    public void Every_aligner_has_a_name_that_parses_back() =>
        Assert.All(AlignerNames.All, a => Assert.Equal(a, AlignerNames.Parse(AlignerNames.Name(a))));
}
