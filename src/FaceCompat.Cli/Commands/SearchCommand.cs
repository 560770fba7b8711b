using System.CommandLine;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Infrastructure;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat search</c>: the k best gallery templates of each probe, the gallery read in blocks (any size, bounded memory).</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var gallery = new Option<string>("--gallery") { Description = "Gallery templates (.npy, N x D): read a block at a time, so N can be millions.", Required = true };
        var probes = new Option<string>("--probes") { Description = "Probe embeddings (.npy, M x D) in the gallery's space (e.g. migrated with 'map apply').", Required = true };
        var k = new Option<int>("--k") { Description = "Matches to keep per probe.", DefaultValueFactory = _ => 10 };
        var blockRows = new Option<int>("--block-rows") { Description = "Gallery rows per block (memory: one block of N rows x D floats).", DefaultValueFactory = _ => GallerySearch.DefaultBlockRows };
        var output = new Option<string>("--out") { Description = "CSV of matches: probe,rank,gallery_row,score (rows 0-based, best first).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output file." };
        var command = new Command("search", "Rank probes against a gallery of any size by cosine similarity (top k per probe), the gallery streamed in blocks.")
        {
            gallery, probes, k, blockRows, output, force,
        };
        command.SetAction((result, cancellation) => Task.FromResult(CliErrors.Run(() =>
        {
            var outPath = result.GetValue(output)!;
            string galleryPath = result.GetValue(gallery)!, probesPath = result.GetValue(probes)!;
            OutputTargets.RequireNewFile(outPath, result.GetValue(force), galleryPath, probesPath);
            if (result.GetValue(blockRows) < 1) throw new FaceCompatException($"--block-rows must be at least 1, got {result.GetValue(blockRows)}.");
            var values = NpyReader.ReadFloat32(probesPath, out var rows, out _);
            var found = GallerySearch.Search(values, rows, galleryPath, result.GetValue(k), result.GetValue(blockRows), cancellation);
            found.WriteCsv(outPath);
            var seconds = found.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"searched {found.Probes:N0} probes against {found.GalleryRows:N0} templates ({found.Dimension}-d) in {seconds:F2} s: " +
                $"{found.Probes / seconds:F1} probes/s, {found.GemmFlops / seconds / 1e9:F1} GFLOP/s of scoring GEMM");
            Console.WriteLine(Path.GetFullPath(outPath));
            return 0;
        })));
        return command;
    }
}
