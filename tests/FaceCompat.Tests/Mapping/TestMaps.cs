using FaceCompat.Mapping;

namespace FaceCompat.Tests.Mapping;

/// <summary>Typed maps from their text form, for test set-ups.</summary>
internal static class TestMaps
{
    public static MapSpec[] Of(params string[] specs) => specs.Select(MapSpec.Parse).ToArray();
}
