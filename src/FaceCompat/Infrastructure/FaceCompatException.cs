namespace FaceCompat.Infrastructure;

/// <summary>
/// What a user can do to fix an error, named neutrally: the library's message says it in plain words
/// ("set the data root"), and each front end adds how to do it in its own terms (the CLI names its flag or
/// command). The library never names a CLI flag.
/// </summary>
public enum UserHint
{
    /// <summary>Nothing beyond the message.</summary>
    None,
    /// <summary>Point the library at the data root holding the datasets.</summary>
    DataRoot,
    /// <summary>Choose another (new or empty) output folder.</summary>
    OutputFolder,
    /// <summary>Fetch the model named by <see cref="FaceCompatException.HintSubject"/> into the cache first.</summary>
    FetchModel,
    /// <summary>Fetch the model packages from an offline copy instead of a package registry.</summary>
    OfflineCopy,
    /// <summary>Give the output folder of a finished study.</summary>
    FinishedStudy,
    /// <summary>List the tensors of the model named by <see cref="FaceCompatException.HintSubject"/> to choose a layer tap.</summary>
    ListTensors,
}

/// <summary>
/// An error the user can cause and fix (bad path, corrupt file, wrong dimension, tampered model).
/// The CLI prints its message alone, without a stack trace, and exits non-zero; with a
/// <see cref="Hint"/> it adds how to act on it in its own terms.
/// </summary>
public class FaceCompatException : Exception
{
    public FaceCompatException(string message) : base(message) { }
    public FaceCompatException(string message, Exception inner) : base(message, inner) { }

    public FaceCompatException(string message, UserHint hint, string? hintSubject = null, Exception? inner = null) : base(message, inner)
    {
        Hint = hint;
        HintSubject = hintSubject;
    }

    /// <summary>What the user can do about the error; <see cref="UserHint.None"/> when the message says all.</summary>
    public UserHint Hint { get; }

    /// <summary>What the hint is about, e.g. the model id of <see cref="UserHint.FetchModel"/>; null when it needs none.</summary>
    public string? HintSubject { get; }
}
