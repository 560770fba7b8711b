using System.Numerics;
using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

/// <summary>The generators' arithmetic beyond the first few draws (numpy's own first values are in IdentitySplitTests).</summary>
public class RandomStateTests
{
    [Theory]
    // from the C++ standard library's std::mt19937 (bench/crosscheck/mt19937_draws.cpp): the last word of each
    // twist (draws 624 and 1248) and the words around the twist's seams
    [InlineData(5489u, 1, 3499211612u)]
    [InlineData(5489u, 623, 2227348307u)]
    [InlineData(5489u, 624, 4020325887u)]
    [InlineData(5489u, 625, 4178893912u)]
    [InlineData(5489u, 1247, 2862235859u)]
    [InlineData(5489u, 1248, 2538210759u)]
    [InlineData(5489u, 1249, 358555951u)]
    [InlineData(42u, 1, 1608637542u)]
    [InlineData(42u, 624, 1077437785u)]
    [InlineData(42u, 1248, 1014112781u)]
    // C++11 [rand.predef]: "the 10000th consecutive invocation of a default-constructed object of type mt19937 shall
    // produce the value 4123659995" (default seed 5489); 10,000 draws run the twist 17 times over the whole state
    [InlineData(5489u, 10_000, 4123659995u)]
    public void DrawsAcrossTheTwistsAreTheStandardLibrarysOwn(uint seed, int draw, uint expected)
    {
        var random = new NumpyRandomState(seed);
        uint value = 0;
        for (var i = 0; i < draw; i++) value = random.NextUInt32();
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(6u)]
    [InlineData(255u)]
    [InlineData(1000u)]
    [InlineData(70_000u)]
    [InlineData(3_000_000_000u)]
    public void AnIntervalDrawIsTheFirstDrawMaskedToTheBitLengthOfMaxThatIsNotAboveMax(uint max)
    {
        // numpy's random_interval: mask = the smallest 2^b - 1 >= max; draw & mask until it is <= max.
        var mask = max == 0 ? 0 : (uint)((1UL << (BitOperations.Log2(max) + 1)) - 1);
        var random = new NumpyRandomState(7);
        var raw = new NumpyRandomState(7);
        for (var i = 0; i < 200; i++)
        {
            uint expected;
            while ((expected = raw.NextUInt32() & mask) > max) { }
            Assert.Equal(expected, random.Interval(max));
        }
    }

    [Fact]
    public void SplitMixDoublesAreTheTop53BitsOfEachDrawInTheUnitInterval()
    {
        var doubles = new SplitMix64(11);
        var raw = new SplitMix64(11);
        for (var i = 0; i < 1000; i++)
        {
            var value = doubles.NextDouble();
            Assert.InRange(value, 0.0, 1.0 - 1.0 / (1UL << 53));
            Assert.Equal((double)(raw.Next() >> 11), value * 9007199254740992.0); // 2^53 x value is the integer
        }
    }
}
