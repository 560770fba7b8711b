using System.Runtime.InteropServices;

namespace FaceCompat.Numerics;

/// <summary>
/// Large arrays backed by transparent huge pages where Linux offers them on request (<c>madvise</c> mode). A first touch
/// of fresh memory costs one page fault per 4 KiB page, about 11 µs each on the virtual machines this tool is measured
/// on (a 512 MiB memset: 1.47 s the first time, 0.05–0.2 s with huge pages), and the garbage collector hands freed
/// memory back between seeds, so a study's per-seed matrices fault afresh every time. Arrays of at least
/// <see cref="HugePageThresholdBytes"/> are allocated pinned (their address must not move once advised), advised with
/// <c>MADV_HUGEPAGE</c> over their whole 2 MiB pages, and only then written (zeroed or copied into). Elsewhere, or when the
/// advice is refused, they are ordinary arrays: the values are the same either way.
/// </summary>
internal static class LargeArrays
{
    /// <summary>Arrays this large or larger are advised (from 4 MiB on, at least one whole 2 MiB page lies inside them).</summary>
    public const long HugePageThresholdBytes = 2L << 20;

    private const long HugePageBytes = 2L << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in Linux's uapi/asm-generic/mman-common.h

    private static bool adviceWorks = OperatingSystem.IsLinux();

    /// <summary>A zeroed array of <paramref name="length"/> elements.</summary>
    public static T[] Zeroed<T>(long length) where T : unmanaged
    {
        if (!Advisable<T>(length)) return new T[length];
        // Stryker disable once Checked,Boolean : a length past int.MaxValue fails either way; an unpinned array may move off its advised pages (not visible in values)
        var array = GC.AllocateUninitializedArray<T>(checked((int)length), pinned: true);
        Advise(array);
        Array.Clear(array);
        return array;
    }

    /// <summary>A copy of <paramref name="source"/>.</summary>
    public static T[] Copy<T>(T[] source) where T : unmanaged
    {
        if (!Advisable<T>(source.Length)) return (T[])source.Clone();
        // Stryker disable once Boolean : an unpinned array may move off its advised pages (not visible in values)
        var array = GC.AllocateUninitializedArray<T>(source.Length, pinned: true);
        Advise(array);
        source.AsSpan().CopyTo(array);
        return array;
    }

    // Stryker disable once Logical,Equality : advising a small array (or one of exactly the threshold) changes no value, and it has no whole page to advise
    private static unsafe bool Advisable<T>(long length) where T : unmanaged =>
        adviceWorks && length * sizeof(T) >= HugePageThresholdBytes;

    /// <summary>Whether the kernel took the advice so far (false off Linux, or once a madvise call was refused).</summary>
    internal static bool AdviceWorks => adviceWorks;

    /// <summary>The whole 2 MiB pages inside [start, start + bytes): their first address and their total length (0: none).</summary>
    internal static (long First, long Length) WholeHugePages(long start, long bytes)
    {
        var first = (start + HugePageBytes - 1) & ~(HugePageBytes - 1);
        var last = (start + bytes) & ~(HugePageBytes - 1);
        // Stryker disable once Equality : last = first is no page either way
        return last > first ? (first, last - first) : (first, 0);
    }

    private static unsafe void Advise<T>(T[] pinned) where T : unmanaged
    {
        fixed (T* p = pinned)
        {
            var (first, length) = WholeHugePages((long)p, (long)pinned.Length * sizeof(T));
            // Stryker disable once Statement : madvise of no bytes succeeds and does nothing
            if (length == 0) return;
            try
            {
                if (madvise((nint)first, (nuint)length, MadviseHugePage) != 0) adviceWorks = false;
            }
            // Stryker disable once all : reached only where libc or madvise is missing (not on the Linux machines the tests run on)
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                adviceWorks = false;
            }
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int madvise(nint address, nuint length, int advice);

    /// <summary>
    /// A buffer of at least <paramref name="length"/> elements (contents undefined): the shortest of the buffers returned
    /// earlier that is long enough, else a new one. Unlike <c>ArrayPool.Shared</c>, which drops its buffers at gen-2 collections (so a
    /// 32 MiB score block faults afresh evaluation after evaluation), these are kept: at most one per processor.
    /// </summary>
    public static T[] Rent<T>(int length) where T : unmanaged => Pool<T>.Rent(length);

    /// <summary>Gives back a buffer from <see cref="Rent{T}"/>.</summary>
    public static void Return<T>(T[] buffer) where T : unmanaged => Pool<T>.Return(buffer);

    private static class Pool<T> where T : unmanaged
    {
        private static readonly List<T[]> Free = [];

        public static T[] Rent(int length)
        {
            lock (Free)
            {
                var index = -1; // the shortest buffer long enough
                for (var i = 0; i < Free.Count; i++)
                    // Stryker disable once Equality : of two free buffers of the same length, either serves
                    if (Free[i].Length >= length && (index < 0 || Free[i].Length < Free[index].Length)) index = i;
                if (index >= 0)
                {
                    var found = Free[index];
                    Free.RemoveAt(index);
                    return found;
                }
            }
            return Zeroed<T>(length);
        }

        public static void Return(T[] buffer)
        {
            lock (Free)
            {
                if (Free.Count < Environment.ProcessorCount) Free.Add(buffer);
            }
        }
    }
}
