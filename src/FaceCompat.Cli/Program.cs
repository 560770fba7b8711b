using System.CommandLine;
using FaceCompat.Cli;

var root = new RootCommand("FaceCompat: measure and use the compatibility of face embeddings across deep networks.");
foreach (var command in CommandRegistry.All())
    root.Subcommands.Add(command);
// System.CommandLine's own exception handler would print a stack trace and exit 1; CliErrors maps errors instead.
return CliErrors.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
