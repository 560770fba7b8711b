using BenchmarkDotNet.Running;

// Side-by-side scripts run by name; anything else goes to BenchmarkDotNet.
switch (args.FirstOrDefault())
{
    case "embedder-side-by-side":
        FaceCompat.Benchmarks.EmbedderSideBySide.Run(args[1..]);
        return 0;
    case "colour-order-check":
        FaceCompat.Benchmarks.ColourOrderCheck.Run(args[1..]);
        return 0;
    case "study-phases":
        FaceCompat.Benchmarks.StudyPhaseProfile.Run(args[1..]);
        return 0;
    case "extraction-throughput":
        return FaceCompat.Benchmarks.ExtractionThroughput.Run(args[1..]);
    case "align-template-check":
        FaceCompat.Benchmarks.AlignTemplateCheck.Run(args[1..]);
        return 0;
    case "pixel-cache-probe":
        return FaceCompat.Benchmarks.PixelCacheProbe.Run(args[1..]);
    case "decode-profile":
        return FaceCompat.Benchmarks.DecodeProfile.Run(args[1..]);
    case "jpeg-decoder-check":
        return FaceCompat.Benchmarks.JpegDecoderCheck.Run(args[1..]);
    case "aligner-compare":
        return FaceCompat.Benchmarks.AlignerComparison.Run(args[1..]);
    case "align-throughput":
        return FaceCompat.Benchmarks.AlignThroughput.Run(args[1..]);
    case "gallery-build":
        return FaceCompat.Benchmarks.LargeGallery.Build(args[1..]);
    case "gallery-rank":
        return FaceCompat.Benchmarks.LargeGallery.Rank(args[1..]);
    case "gemm-peak":
        return FaceCompat.Benchmarks.LargeGallery.GemmPeak(args[1..]);
    case "study-output-scale":
        return FaceCompat.Benchmarks.StudyOutputScale.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
