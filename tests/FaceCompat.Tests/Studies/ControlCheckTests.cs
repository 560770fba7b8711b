using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

public class ControlCheckTests
{
    [Theory]
    [InlineData(0.056, 0.0, 0.055, 1.0, true)]   // at chance on a small test set, baseline below chance
    [InlineData(0.08, 0.005, 0.001, 0.85, true)]  // recovers < 10% of the map's gain
    [InlineData(0.30, 0.005, 0.001, 0.85, false)] // recovers a third of it: the method is suspect
    [InlineData(0.04, 0.005, 0.001, double.NaN, true)]
    [InlineData(0.20, 0.005, 0.001, double.NaN, false)]
    public void ControlIsAtBaselineOnlyWhenItRecoversLittleOfTheMapsGain(double control, double baseline, double chance, double best, bool expected) =>
        Assert.Equal(expected, ControlCheck.IsAtBaseline(control, baseline, chance, best));
}
