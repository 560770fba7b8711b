using FaceCompat.Reporting.Study;

namespace FaceCompat.Reporting;

/// <summary>Tables with one row per ordered pair of models.</summary>
internal static class PairTable
{
    /// <summary>
    /// Rows: the pairs ("pair", then "families" when asked); then one column per item of <paramref name="columns"/> (a map,
    /// a train share, ...), headed by <paramref name="header"/>, its cells from <paramref name="cell"/>.
    /// </summary>
    public static PaperTable Of<TColumn>(string caption, IEnumerable<ModelPair> pairs, IEnumerable<TColumn> columns, Func<TColumn, string> header,
        Func<ModelPair, TColumn, TableCell> cell, bool families = false, string? note = null) =>
        PaperTable.Of(caption, pairs,
        [
            new("pair", p => TableCell.Plain(p.Label)),
            .. families ? [new TableColumn<ModelPair>("families", p => TableCell.Plain(p.FamiliesLabel))] : Array.Empty<TableColumn<ModelPair>>(),
            .. columns.Select(c => new TableColumn<ModelPair>(header(c), p => cell(p, c))),
        ], note);

    /// <summary>Rows: the pairs; columns: maps (or other names).</summary>
    public static PaperTable Of(string caption, IEnumerable<ModelPair> pairs, IEnumerable<string> maps, Func<ModelPair, string, TableCell> cell,
        bool families = false, string? note = null) =>
        Of(caption, pairs, maps, m => m, cell, families, note);
}
