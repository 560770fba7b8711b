using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>Resolves a dataset argument: "lfw", "cfp", "cfp-frontal", or the path of an image folder with one sub-folder per identity.</summary>
internal static class DatasetCatalog
{
    public static ImageDataset Resolve(string dataset, string? dataRoot = null, IdentitySubset? subset = null)
    {
        if (string.IsNullOrWhiteSpace(dataset)) throw new FaceCompatException("No dataset given (lfw, cfp or a folder path).");
        var root = FaceCompatPaths.DataRoot(dataRoot);
        return dataset.ToLowerInvariant() switch
        {
            LfwDataset.Name => LfwDataset.Load(root, subset),
            CfpDataset.Name => CfpDataset.Load(root, subset),
            CfpDataset.FrontalName => CfpDataset.LoadFrontal(root, subset),
            _ when Directory.Exists(dataset) => ImageFolderDataset.Load(dataset, subset),
            _ => throw new FaceCompatException($"Unknown dataset '{dataset}': use lfw, cfp, cfp-frontal or the path of an image folder."),
        };
    }
}
