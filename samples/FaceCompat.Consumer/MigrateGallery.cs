// recipe-begin: migrate
using FaceCompat.Datasets;
using FaceCompat.Embeddings;
using FaceCompat.Evaluation;
using FaceCompat.Extraction;
using FaceCompat.Mapping;
using FaceCompat.Mapping.Maps;
using FaceCompat.Models.Cards;

public static class MigrateGallery
{
    /// <summary>Upgrade faceapi -> mobileface without re-enrolling the gallery (folders: one sub-folder per person).</summary>
    public static (double Migrated, double ReEnrolled) Run(string fitFolder, string galleryFolder, string workDir)
    {
        EmbeddingSet Embed(string folder, string model) => new EmbeddingFolder(ModelExtraction.Run(ImageFolderDataset.Load(folder),
            ModelCatalog.Get(model), new ExtractionOptions { OutputRoot = Path.Combine(workDir, "embeddings") }, threads: 2).DatasetDirectory).Load(model);
        var (oldFit, newFit) = (Embed(fitFolder, "faceapi"), Embed(fitFolder, "mobileface"));
        var (oldGallery, newProbes) = (Embed(galleryFolder, "faceapi"), Embed(galleryFolder, "mobileface"));

        var everyone = IdentitySplit.AllTrain(oldFit.Records.Select(r => r.Identity)); // a migration map uses all fit data
        var map = MapTraining.Fit(oldFit, newFit, everyone, new MapSpec(MapRegistry.Ridge, new RidgeParameters(Alpha: 0.1)));
        map.Save(Path.Combine(workDir, "faceapi-to-mobileface"));

        var migrated = FittedMap.Load(Path.Combine(workDir, "faceapi-to-mobileface")).MigrateToTarget(oldGallery);
        var people = oldGallery.Records.Select(r => r.Identity).ToArray();
        var search = Identification.Evaluate(newProbes.Vectors, people, migrated.Vectors, people, IdentificationProtocol.Strict);
        var reEnrolled = Identification.Evaluate(newProbes.Vectors, people, newProbes.Vectors, people, IdentificationProtocol.Strict);
        return (search.Rank1, reEnrolled.Rank1);
    }
}
// recipe-end
