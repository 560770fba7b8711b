namespace FaceCompat.IntegrationTests.Extraction;

/// <summary>Extraction tests are CPU-heavy; they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExtractionCollection
{
    public const string Name = "extraction";
}
