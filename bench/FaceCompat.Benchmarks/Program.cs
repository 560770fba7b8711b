using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "extraction-throughput")
    return FaceCompat.Benchmarks.ExtractionThroughput.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
