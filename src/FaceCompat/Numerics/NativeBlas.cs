using System.Runtime.InteropServices;

namespace FaceCompat.Numerics;

/// <summary>
/// The native BLAS/LAPACK library found on this machine, bound through Fortran entry points
/// (<c>dgemm_</c>, <c>dgesdd_</c>, ...), which OpenBLAS and the reference libraries all export.
/// Order: OpenBLAS, then the system's <c>liblapack.so.3</c> + <c>libblas.so.3</c>; none means managed code.
/// Integers are 32-bit (LP64 builds, as Debian ships them).
/// </summary>
internal static unsafe class NativeBlas
{
    public const string OpenBlasName = "openblas";
    public const string ReferenceName = "reference-blas";
    public const string ManagedName = "managed";

    private static readonly string[] OpenBlasCandidates =
        ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll", "openblas"];
    private static readonly string[] BlasCandidates = ["libblas.so.3", "libblas.so", "libblas.dylib"];
    private static readonly string[] LapackCandidates = ["liblapack.so.3", "liblapack.so", "liblapack.dylib"];

    /// <summary>Which native library is bound, or <see cref="ManagedName"/> when none is.</summary>
    public static readonly string Name;

    public static bool Available => Name != ManagedName;

    // Fortran BLAS/LAPACK entry points; trailing nuint arguments are the hidden lengths of character arguments.
    internal static delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, nuint, nuint, void> Sgemm;
    internal static delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, nuint, nuint, void> Dgemm;
    internal static delegate* unmanaged<byte*, byte*, int*, int*, double*, double*, int*, double*, double*, int*, nuint, nuint, void> Dsyrk;
    internal static delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void> Dgesdd;
    internal static delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void> Dsyevd;
    internal static delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void> Dgelsd;
    internal static delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void> Dposv;
    // dposv = dpotrf + dpotrs (reference LAPACK): bound when exported, so one factor can serve several right-hand sides.
    internal static delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void> Dpotrf;
    internal static delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void> Dpotrs;
    internal static delegate* unmanaged<byte*, int*, double*, int*, double*, double*, double*, double*, int*, int*, nuint, void> Dsytrd;
    internal static delegate* unmanaged<byte*, int*, double*, int*, double*, double*, int*, int*, nuint, void> Dorgtr;
    internal static delegate* unmanaged<int*, double*, double*, int*, void> Dsterf;
    private static delegate* unmanaged<int, void> SetThreads;

    static NativeBlas()
    {
        Name = ManagedName;
        var wanted = Environment.GetEnvironmentVariable("FACECOMPAT_BLAS")?.Trim().ToLowerInvariant();
        if (wanted is ManagedName) return;

        if (wanted is null or "" or OpenBlasName && TryLoad(OpenBlasCandidates, out var openblas)
            && TryBind(openblas, openblas))
        {
            Name = OpenBlasName;
            if (NativeLibrary.TryGetExport(openblas, "openblas_set_num_threads", out var set))
            {
                SetThreads = (delegate* unmanaged<int, void>)set;
                SetThreads(Environment.ProcessorCount);
            }
            return;
        }
        if (wanted is null or "" or "reference" or ReferenceName
            && TryLoad(BlasCandidates, out var blas) && TryLoad(LapackCandidates, out var lapack)
            && TryBind(blas, lapack))
        {
            Name = ReferenceName;
        }

        bool TryBind(nint blasLib, nint lapackLib)
        {
            if (!NativeLibrary.TryGetExport(blasLib, "sgemm_", out var sgemm)
                || !NativeLibrary.TryGetExport(blasLib, "dgemm_", out var dgemm)
                || !NativeLibrary.TryGetExport(blasLib, "dsyrk_", out var dsyrk)
                || !NativeLibrary.TryGetExport(lapackLib, "dgesdd_", out var dgesdd)
                || !NativeLibrary.TryGetExport(lapackLib, "dsyevd_", out var dsyevd)
                || !NativeLibrary.TryGetExport(lapackLib, "dgelsd_", out var dgelsd)
                || !NativeLibrary.TryGetExport(lapackLib, "dposv_", out var dposv))
                return false;
            Sgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, nuint, nuint, void>)sgemm;
            Dgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, nuint, nuint, void>)dgemm;
            Dsyrk = (delegate* unmanaged<byte*, byte*, int*, int*, double*, double*, int*, double*, double*, int*, nuint, nuint, void>)dsyrk;
            Dgesdd = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void>)dgesdd;
            Dsyevd = (delegate* unmanaged<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void>)dsyevd;
            Dgelsd = (delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void>)dgelsd;
            Dposv = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void>)dposv;
            if (NativeLibrary.TryGetExport(lapackLib, "dpotrf_", out var dpotrf) && NativeLibrary.TryGetExport(lapackLib, "dpotrs_", out var dpotrs))
            {
                Dpotrf = (delegate* unmanaged<byte*, int*, double*, int*, int*, nuint, void>)dpotrf;
                Dpotrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, double*, int*, int*, nuint, void>)dpotrs;
            }
            if (NativeLibrary.TryGetExport(lapackLib, "dsytrd_", out var dsytrd) && NativeLibrary.TryGetExport(lapackLib, "dorgtr_", out var dorgtr)
                && NativeLibrary.TryGetExport(lapackLib, "dsterf_", out var dsterf))
            {
                Dsytrd = (delegate* unmanaged<byte*, int*, double*, int*, double*, double*, double*, double*, int*, int*, nuint, void>)dsytrd;
                Dorgtr = (delegate* unmanaged<byte*, int*, double*, int*, double*, double*, int*, int*, nuint, void>)dorgtr;
                Dsterf = (delegate* unmanaged<int*, double*, double*, int*, void>)dsterf;
            }
            return true;
        }
    }

    /// <summary>Sets OpenBLAS's thread count (no effect on other backends).</summary>
    public static void SetThreadCount(int threads)
    {
        // Stryker disable once all : OpenBLAS's thread count has no getter bound here, so the count set is not observable (only its speed)
        if (SetThreads != null) SetThreads(Math.Max(1, threads));
    }

    private static bool TryLoad(string[] names, out nint handle)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out handle)) return true;
        handle = 0;
        // Stryker disable once Boolean : reached only on a machine without the library, where the tests do not run
        return false;
    }
}
