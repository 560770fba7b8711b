using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "embedder-side-by-side")
{
    FaceCompat.Benchmarks.EmbedderSideBySide.Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "extraction-throughput")
    return FaceCompat.Benchmarks.ExtractionThroughput.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
