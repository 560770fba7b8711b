using FaceCompat.Infrastructure;

namespace FaceCompat.Cli;

/// <summary>Maps errors to one clear message on stderr and an exit code.</summary>
internal static class CliErrors
{
    public const int UserError = 2;
    public const int InternalError = 70;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (Unwrap(ex) is FaceCompatException user)
        {
            Console.Error.WriteLine($"error: {user.Message}");
            return UserError;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"internal error: {Unwrap(ex).Message}");
            if (Environment.GetEnvironmentVariable("FACECOMPAT_DEBUG") == "1") Console.Error.WriteLine(ex);
            return InternalError;
        }
    }

    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } agg ? Unwrap(agg.InnerExceptions[0]) :
        ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : ex;
}
