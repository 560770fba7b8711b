using System.CommandLine;
using FaceCompat.Cli;

var root = new RootCommand("FaceCompat: measure and use the compatibility of face embeddings across deep networks.");
foreach (var command in CommandRegistry.All())
    root.Subcommands.Add(command);
return CliErrors.Run(() => root.Parse(args).Invoke());
