namespace FaceCompat.Evaluation;

/// <summary>
/// One verification pair: row <see cref="IndexA"/> of the probe set against row <see cref="IndexB"/>
/// of the reference set, whether they show the same identity, and the fold it belongs to (0 when the
/// protocol has no folds).
/// </summary>
public readonly record struct VerificationPair(int IndexA, int IndexB, bool Genuine, int Fold = 0);
