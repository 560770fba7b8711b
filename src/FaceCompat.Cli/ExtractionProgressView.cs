using System.Diagnostics;
using FaceCompat.Extraction;
using Spectre.Console;

namespace FaceCompat.Cli;

/// <summary>
/// Shows extraction progress: a bar with rate and ETA on a terminal, plain periodic lines (every five
/// seconds and at the end) when stdout is redirected.
/// </summary>
internal static class ExtractionProgressView
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    public static ExtractionResult Run(string dataset, string modelId, Func<IProgress<ExtractionProgress>, ExtractionResult> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return RunPlain(work);
        ExtractionResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{dataset} {modelId}", maxValue: 1);
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = $"{p.Dataset} {p.ModelId} {p.Done}/{p.Total} {p.ImagesPerSecond:F1} img/s" + (p.Skipped > 0 ? $" skipped {p.Skipped}" : "");
                });
                result = work(progress);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static ExtractionResult RunPlain(Func<IProgress<ExtractionProgress>, ExtractionResult> work)
    {
        var since = Stopwatch.StartNew();
        ExtractionProgress? last = null;
        var progress = new SynchronousProgress(p =>
        {
            last = p;
            if (since.Elapsed < LineInterval) return;
            since.Restart();
            Console.WriteLine(Line(p));
        });
        var result = work(progress);
        if (last is not null) Console.WriteLine(Line(last));
        return result;
    }

    private static string Line(ExtractionProgress p)
    {
        var eta = p.Eta is { } e ? $" ETA {(int)e.TotalMinutes}m{e.Seconds:D2}s" : "";
        return $"{p.Dataset} {p.ModelId}: {p.Done}/{p.Total} ({100 * p.Fraction:F1}%) {p.ImagesPerSecond:F1} img/s{eta}" +
               (p.Resumed > 0 ? $" resumed {p.Resumed}" : "") + (p.Skipped > 0 ? $" skipped {p.Skipped}" : "");
    }

    /// <summary>Reports on the caller's thread (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<ExtractionProgress> report) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => report(value);
    }
}
