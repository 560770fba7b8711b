namespace FaceCompat.Imaging;

/// <summary>An image file to prepare: where it is, and the relative path it is known by (landmark caches use it).</summary>
internal readonly record struct ImageFile(string FullPath, string RelativePath);
