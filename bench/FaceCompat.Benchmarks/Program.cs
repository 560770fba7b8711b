using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "embedder-side-by-side")
{
    FaceCompat.Benchmarks.EmbedderSideBySide.Run(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
