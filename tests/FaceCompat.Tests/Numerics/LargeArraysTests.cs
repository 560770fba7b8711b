using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class LargeArraysTests
{
    [Theory]
    [InlineData(10)]              // small: an ordinary array
    [InlineData(3 << 18)]         // 6 MiB of doubles: pinned and advised
    public void ZeroedArraysAreZeroAndCopiesAreEqual(int length)
    {
        // Dirty memory first, so a reused region that was not cleared would show.
        for (var i = 0; i < 3; i++)
        {
            var dirty = LargeArrays.Zeroed<double>(length);
            dirty.AsSpan().Fill(double.NaN);
        }
        GC.Collect();
        var zeroed = LargeArrays.Zeroed<double>(length);
        Assert.Equal(length, zeroed.Length);
        Assert.All(zeroed, v => Assert.Equal(0.0, v));
        var source = Enumerable.Range(0, length).Select(i => i * 0.5).ToArray();
        var copy = LargeArrays.Copy(source);
        Assert.NotSame(source, copy);
        Assert.Equal(source, copy);
        var floats = LargeArrays.Zeroed<float>((long)length);
        Assert.All(floats, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ARentedBufferIsReusedOnceReturnedAndNeverShorterThanAsked()
    {
        // short: a pool of its own that no other test (running in parallel) rents from
        var first = LargeArrays.Rent<short>(1_000_003);
        Assert.True(first.Length >= 1_000_003);
        LargeArrays.Return(first);
        var again = LargeArrays.Rent<short>(999_999);
        Assert.Same(first, again);
        var larger = LargeArrays.Rent<short>(first.Length + 1); // the free one is too short: a new one
        Assert.NotSame(first, larger);
        Assert.True(larger.Length > first.Length);
        LargeArrays.Return(larger);
        LargeArrays.Return(again);
        // The smallest free buffer that is long enough serves a request, not the first one returned.
        Assert.Same(again, LargeArrays.Rent<short>(10));
        Assert.Same(larger, LargeArrays.Rent<short>(first.Length + 1));
    }
}
