namespace FaceCompat.Extraction;

/// <summary>How images become model inputs: the dataset's reference crop, or landmark alignment to each model's template.</summary>
public enum PreprocessMode
{
    /// <summary>The reference crop (<see cref="ReferencePreprocessing.Crop"/>).</summary>
    Crop,

    /// <summary>Landmarks warped onto each model's five-point template (<see cref="Alignment.AlignPreprocessor"/>).</summary>
    Align,
}
