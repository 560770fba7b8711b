using FaceCompat.Infrastructure;
using FaceCompat.Numerics;

namespace FaceCompat.Mapping.Unpaired;

/// <summary>
/// Prepared train rows of two spaces with no correspondence between them: two sets, not a pair. Each side is
/// held in a canonical order (its rows sorted by their values), so whatever is fitted on it cannot depend on
/// the order the rows came in, on which row of one side was beside which row of the other, or on any label:
/// permuting either side's input rows gives the same object, bit for bit.
/// </summary>
internal sealed class UnpairedRows
{
    private UnpairedRows(Preparation preparation, Matrix source, Matrix target)
    {
        Preparation = preparation;
        Source = Canonical(source);
        Target = Canonical(target);
    }

    public Preparation Preparation { get; }

    /// <summary>Prepared source rows (n_A x D), in canonical order.</summary>
    public Matrix Source { get; }

    /// <summary>Prepared target rows (n_B x D), in canonical order.</summary>
    public Matrix Target { get; }

    public int SourceActive => Math.Min(Source.Cols, Preparation.Source.ActiveDimension);
    public int TargetActive => Math.Min(Target.Cols, Preparation.Target.ActiveDimension);

    /// <summary>Fits each side's preparation on its own raw rows and prepares them (the sides may differ in images and count).</summary>
    public static UnpairedRows Prepare(Matrix sourceRows, Matrix targetRows, PreparationOptions? options = null)
    {
        if (sourceRows.Rows < 2 || targetRows.Rows < 2)
            throw new FaceCompatException($"an unpaired map needs at least 2 rows on each side; got {sourceRows.Rows} source and {targetRows.Rows} target rows.");
        // Canonical order before the statistics too: a mean summed in another order differs in its last bits.
        sourceRows = Canonical(sourceRows);
        targetRows = Canonical(targetRows);
        var preparation = Preparation.FitUnpaired(sourceRows, targetRows, options);
        return new UnpairedRows(preparation, preparation.Source.Apply(sourceRows), preparation.Target.Apply(targetRows));
    }

    /// <summary>The two sides of a training pair with their correspondence thrown away.</summary>
    public static UnpairedRows Of(TrainingPair pair) => new(pair.Preparation, pair.PaddedSource, pair.PaddedTarget);

    /// <summary>Rows sorted lexicographically by value (equal rows are interchangeable, so the order is unique as a matrix).</summary>
    private static Matrix Canonical(Matrix rows)
    {
        var order = Enumerable.Range(0, rows.Rows).ToArray();
        Array.Sort(order, (i, j) => rows.Row(i).SequenceCompareTo(rows.Row(j)));
        return rows.SelectRows(order);
    }
}
