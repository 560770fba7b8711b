using FaceCompat.Alignment;

namespace FaceCompat.Tests.Alignment;

public class CfpFiducialsTests
{
    [Fact]
    public void Eye_is_the_mean_of_points_12_to_17_and_error_is_normalised()
    {
        var lines = new string[30];
        for (var i = 0; i < 30; i++) lines[i] = "0,0";
        for (var i = 12; i <= 17; i++) lines[i] = $"{10 + (i - 12)},20";   // eye x 10..15 -> 12.5
        lines[21] = "30,40";                                               // nose tip
        lines[25] = "12.5,60";                                             // mouth corner, 40 below the eye
        var path = Path.Combine(Path.GetTempPath(), $"cfp-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        try
        {
            var f = CfpFiducials.Read(path);
            Assert.Equal(12.5f, f.EyeX);
            Assert.True(f.LeftSide);
            Assert.Equal(40f, f.EyeMouthDistance);
            // Predicted: left eye 4 px off, nose exact, left mouth corner 8 px off: mean 4 / 40.
            float[] points = [12.5f, 24, 99, 99, 30, 40, 20.5f, 60, 99, 99];
            Assert.Equal(0.1, f.NormalisedError(new FaceLandmarks(LandmarkSource.Mesh, points, 1, 1)), 6);
        }
        finally { File.Delete(path); }
    }
}
