using System.CommandLine;
using FaceCompat.Cli;

var root = new RootCommand("FaceCompat: measure and use the compatibility of face embeddings across deep networks.");
foreach (var command in CommandRegistry.All())
    root.Subcommands.Add(command);
var parsed = root.Parse(args);
// A usage error (no command, unknown command or option, bad value) is a user error like any other: the same
// "error:" prefix and exit code, and where to read the usage.
if (parsed.Errors.Count > 0) return CliErrors.Usage(parsed.Errors.Select(e => e.Message));
// System.CommandLine's own exception handler would print a stack trace and exit 1; CliErrors maps errors instead.
// Help and version text go through a buffer so that usage lines name the tool as users call it, not its assembly.
var usage = new StringWriter();
var exit = CliErrors.Run(() => parsed.Invoke(new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false, Output = usage,
    // Ctrl-C cancels the command's token; an extraction then finishes its chunk commit and says what a rerun resumes.
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
}));
Console.Out.Write(usage.ToString().Replace(root.Name + " ", "facecompat ", StringComparison.Ordinal));
return exit;
