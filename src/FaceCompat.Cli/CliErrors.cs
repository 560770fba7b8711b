using FaceCompat.Infrastructure;

namespace FaceCompat.Cli;

/// <summary>Maps errors to one clear message on stderr and an exit code.</summary>
internal static class CliErrors
{
    public const int UserError = 2;
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;

    /// <summary>Command-line usage errors, each on its own "error:" line, then where the usage is; exit <see cref="UserError"/>.</summary>
    public static int Usage(IEnumerable<string> messages)
    {
        foreach (var message in messages) Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine("Run 'facecompat --help', or 'facecompat COMMAND --help', for the usage.");
        return UserError;
    }

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (Unwrap(ex) is FaceCompatException user)
        {
            Console.Error.WriteLine($"error: {Describe(user)}");
            return UserError;
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException stopped)
        {
            // A progress display may have hidden the cursor; give the terminal back as it was.
            if (!Console.IsOutputRedirected) Console.Out.Write("\u001b[?25h");
            Console.Error.WriteLine($"interrupted: {(stopped is Extraction.ExtractionInterruptedException ? stopped.Message : "stopped before the end; no output was written (work already cached is reused by a rerun).")}");
            return Interrupted;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"internal error: {Unwrap(ex).Message}");
            if (Environment.GetEnvironmentVariable("FACECOMPAT_DEBUG") == "1") Console.Error.WriteLine(ex);
            return InternalError;
        }
    }

    /// <summary>
    /// The message, and for an error with a <see cref="UserHint"/> (its own or that of an error it wraps) how
    /// to act on it with this CLI: the library names no flag, so the flags and commands are named here.
    /// </summary>
    public static string Describe(FaceCompatException error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is FaceCompatException { Hint: not UserHint.None } hinted && HintText(hinted.Hint, hinted.HintSubject) is { } text)
                return $"{error.Message} {text}";
        return error.Message;
    }

    /// <summary>This CLI's words for a hint: the flag or command that does what the library's message asks.</summary>
    public static string? HintText(UserHint hint, string? subject) => hint switch
    {
        UserHint.DataRoot => "Use --data DIR.",
        UserHint.OutputFolder => "Use --out with another folder.",
        UserHint.Replace => "Add --force to replace it, or use --out with another path.",
        UserHint.FetchModel => $"Run 'facecompat models fetch {subject ?? "<model>"}'.",
        UserHint.ListTensors => $"Run 'facecompat models inspect {subject ?? "<model>"} --tensors' to list them.",
        UserHint.OfflineCopy => "Use 'facecompat models fetch --from DIR'.",
        UserHint.FinishedStudy => "Give the --out folder of a finished 'facecompat study'.",
        _ => null,
    };

    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } agg ? Unwrap(agg.InnerExceptions[0]) :
        ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : ex;
}
