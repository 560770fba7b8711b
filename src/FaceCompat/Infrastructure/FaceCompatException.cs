namespace FaceCompat.Infrastructure;

/// <summary>
/// An error the user can cause and fix (bad path, corrupt file, wrong dimension, tampered model).
/// The CLI prints its message alone, without a stack trace, and exits non-zero.
/// </summary>
public class FaceCompatException : Exception
{
    public FaceCompatException(string message) : base(message) { }
    public FaceCompatException(string message, Exception inner) : base(message, inner) { }
}
