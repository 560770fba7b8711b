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
        LargeArrays.Return(again);
        LargeArrays.Return(larger);
        // The smallest free buffer that is long enough serves a request, not the first or last one returned.
        Assert.Same(again, LargeArrays.Rent<short>(10));
        Assert.Same(larger, LargeArrays.Rent<short>(first.Length + 1));
    }

    [Theory]
    [InlineData(0L, 4L << 20, 0L, 4L << 20)]                           // aligned: both pages
    [InlineData(4096L, 4L << 20, 2L << 20, 2L << 20)]                  // one page in, the last partial page out
    [InlineData((2L << 20) - 8, 2L << 20, 2L << 20, 0L)]               // ends 8 bytes short of the page it begins before: none
    [InlineData((2L << 20) + 8, 16L, 4L << 20, 0L)]                    // inside one page: the next boundary lies past its end
    [InlineData((6L << 20) + 1, (6L << 20) - 1, 8L << 20, 4L << 20)]   // ends one byte short of 12 MiB: pages 8 and 10 MiB
    public void WholeHugePagesAreThoseInsideTheArray(long start, long bytes, long first, long length)
    {
        var pages = LargeArrays.WholeHugePages(start, bytes);
        Assert.Equal(length, pages.Length);
        if (length > 0) Assert.Equal(first, pages.First);
    }

    [Fact]
    public unsafe void LargeArraysAreAdvisedOntoHugePages()
    {
        if (!OperatingSystem.IsLinux()) return; // madvise is Linux's; elsewhere the arrays are ordinary ones
        if (File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")) Assert.True(LargeArrays.AdviceWorks);
        // Two in a row: a refused or misplaced first advice would leave the second unadvised.
        var zeroed = LargeArrays.Zeroed<double>(3 << 19); // 12 MiB
        var copied = LargeArrays.Copy(new float[5 << 20]); // 20 MiB
        foreach (var (address, bytes) in new[] { Range(zeroed), Range(copied) })
        {
            var (first, length) = LargeArrays.WholeHugePages(address, bytes);
            Assert.True(length > 0);
            Assert.Contains("hg", VmFlags(first));                 // the mapping holding the first whole page
            Assert.Contains("hg", VmFlags(first + length - 1));    // and the last
        }
        GC.KeepAlive(zeroed);
        GC.KeepAlive(copied);

        static (long, long) Range<T>(T[] array) where T : unmanaged
        {
            fixed (T* p = array) return ((long)p, (long)array.Length * sizeof(T)); // pinned: the address stays
        }
    }

    /// <summary>The VmFlags of the mapping that holds <paramref name="address"/> (/proc/self/smaps).</summary>
    private static string[] VmFlags(long address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && long.TryParse(line[..dash], System.Globalization.NumberStyles.HexNumber, null, out var from)
                && long.TryParse(line[(dash + 1)..line.IndexOf(' ')], System.Globalization.NumberStyles.HexNumber, null, out var to))
                inside = address >= from && address < to;
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        throw new InvalidOperationException($"No mapping holds 0x{address:x}.");
    }

    [Fact]
    public void APooledBufferServesOneRenterAtATimeAndThePoolKeepsOnePerProcessor()
    {
        // int: a pool of its own that no other test (running in parallel) rents from
        var buffers = Enumerable.Range(0, Environment.ProcessorCount + 1).Select(_ => LargeArrays.Rent<int>(1_000)).ToArray();
        Assert.Equal(buffers.Length, buffers.Distinct().Count());
        foreach (var b in buffers) LargeArrays.Return(b);
        var again = Enumerable.Range(0, buffers.Length).Select(_ => LargeArrays.Rent<int>(1_000)).ToArray();
        Assert.Equal(again.Length, again.Distinct().Count()); // a buffer rented out is not handed out twice
        Assert.Equal(Environment.ProcessorCount, again.Count(b => buffers.Contains(b)));
        foreach (var b in again) LargeArrays.Return(b);
    }
}
