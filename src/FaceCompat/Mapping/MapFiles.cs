using FaceCompat.Embeddings;
using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>Reading the .npy members of a saved map, refusing names that leave its folder.</summary>
internal static class MapFiles
{
    public static Matrix ReadMatrix(string directory, string file)
    {
        if (string.IsNullOrEmpty(file) || file != Path.GetFileName(file) || file is "." or "..")
            throw new FaceCompatException($"{directory}: map.json names '{file}', which is not a file inside the map folder.");
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) throw new FaceCompatException($"{directory}: map.json names {file}, which is missing.");
        return NpyReader.ReadMatrix(path);
    }

    public static double[] ReadVector(string directory, string file, int length)
    {
        var m = ReadMatrix(directory, file);
        if (m.Rows != 1 || m.Cols != length)
            throw new FaceCompatException($"{directory}: {file} has shape ({m.Rows}, {m.Cols}); expected (1, {length}).");
        return m.Data;
    }
}
