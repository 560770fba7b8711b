using System.CommandLine;
using FaceCompat.Infrastructure;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat info</c>: where the cache and the data are.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the cache directory, the data root and the code version.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"cache: {FaceCompatPaths.CacheRoot}");
            Console.WriteLine($"data:  {FaceCompatPaths.DataRoot()}");
            // the same text as --version: version + commit
            Console.WriteLine($"version: {System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(InfoCommand).Assembly)?.InformationalVersion}");
            return 0;
        });
        return command;
    }
}
