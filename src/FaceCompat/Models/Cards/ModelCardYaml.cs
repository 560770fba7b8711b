namespace FaceCompat.Models.Cards;

// The YAML shape of a card (snake_case keys). Kept apart from ModelCard so that the card type stays
// immutable and validated; ModelCardReader maps one to the other.
internal sealed class CardYaml
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Family { get; set; }
    public bool? Usable { get; set; }
    public string? Note { get; set; }
    public string? Licence { get; set; }
    public SourceYaml? Source { get; set; }
    public string? Format { get; set; }
    public InputYaml? Input { get; set; }
    public OutputYaml? Output { get; set; }
    public double? ReferenceCrop { get; set; }
    public string? Role { get; set; }
    public TemplateYaml? AlignTemplate { get; set; }
}

internal sealed class TemplateYaml
{
    public int? Width { get; set; }
    public int? Height { get; set; }
    public List<float>? Points { get; set; }
    public string? Evidence { get; set; }
}

internal sealed class SourceYaml
{
    public string? Manager { get; set; }
    public string? Package { get; set; }
    public string? Version { get; set; }
    public List<FileYaml>? Files { get; set; }
    public string? Entry { get; set; }
    public string? Prepend { get; set; }
    public bool? SymbolicBatch { get; set; }
}

internal sealed class FileYaml
{
    public string? Path { get; set; }
    public string? Sha256 { get; set; }
}

internal sealed class InputYaml
{
    public string? Name { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? Layout { get; set; }
    public string? Colour { get; set; }
    public float? Scale { get; set; }
    public List<float>? Mean { get; set; }
    public List<float>? Std { get; set; }
    public bool? GraphNormalises { get; set; }
    public string? Range { get; set; }
    public string? Evidence { get; set; }
}

internal sealed class OutputYaml
{
    public string? Name { get; set; }
    public int? Dimension { get; set; }
    public string? Pooling { get; set; }
    public List<string>? Extra { get; set; }
}
