namespace FaceCompat.Evaluation;

/// <summary>
/// A float32 score as an unsigned key with the same order (the radix-select order): keys compare as the
/// scores do, -0 and +0 share one key, and the top 16 bits give 65,536 ordered buckets.
/// </summary>
internal static class ScoreKey
{
    public static uint Of(float score)
    {
        var bits = BitConverter.SingleToUInt32Bits(score + 0f); // + 0f turns -0 into +0
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    public static float ToScore(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);
}
