using FaceCompat.Imaging;

namespace FaceCompat.Extraction;

/// <summary>One dataset image ready for the model (and its mirror for the flip test), or why it is skipped.</summary>
internal sealed record PreparedImage(int Index, RgbImage? Input, RgbImage? Mirror, string? SkipReason);
