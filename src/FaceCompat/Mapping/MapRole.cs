namespace FaceCompat.Mapping;

/// <summary>What a map is for in a comparison.</summary>
public enum MapRole
{
    /// <summary>A map fitted on paired train rows: the method under test.</summary>
    Fitted,

    /// <summary>No map: the prepared spaces compared as they are (what every fitted map is tested against).</summary>
    Baseline,

    /// <summary>A map that must fall to baseline when the method is sound (broken pairs, a random rotation); seeded by the split.</summary>
    Control,
}
