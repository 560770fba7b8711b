using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// The cosine scores of mapped queries against a gallery as one dot product of narrower rows:
/// score(i, g) = dot(Queries[i], Gallery[g]) = cos(q_i, gallery_g), where q_i is query i in the comparison
/// space. A map's output has rank at most min(d_s, d_t), and so does the work the scores need:
/// <list type="bullet">
/// <item>columns that are zero in every query or every gallery row (the zero padding of the smaller side)
/// add nothing to a dot product and are left out; an orthogonal map computes only the columns of z W that
/// meet the gallery.</item>
/// </list>
/// Query norms are those of the full mapped rows (‖z‖ for an orthogonal W), so the values are the cosines of the
/// comparison space, and the float32 operands are the very values the padded computation would multiply (the
/// numpy cross-check agrees to 1e-15). Folding a linear map into the gallery (G' = G W₁ᵀ, scoring raw source rows
/// when the source is the smaller side) was tried and withdrawn: its float32 operands round differently, which
/// reorders near-tied gallery rows and moved mAP@50 by up to 6e-6 (relative) against the published protocol's
/// numpy code. Rows are float32 (each value computed in double and rounded
/// once), row-major, <see cref="Dimension"/> wide; an all-zero query row stays zero.
/// </summary>
internal sealed record ScoringOperands(float[] Queries, float[] Gallery, int Dimension)
{
    /// <param name="sourceHead">The map's source side, applied to <paramref name="preparedQueries"/>.</param>
    /// <param name="preparedQueries">Prepared source rows (the input of <paramref name="sourceHead"/>).</param>
    /// <param name="gallery">L2-normalised gallery rows in the comparison space, row-major float32.</param>
    /// <param name="galleryDimension">The comparison space's dimension (the gallery's width).</param>
    public static ScoringOperands Of(MapHead sourceHead, Matrix preparedQueries, float[] gallery, int galleryDimension)
    {
        if (sourceHead.OutputDimension != galleryDimension)
            throw new ArgumentException($"The map gives {sourceHead.OutputDimension}-d queries but the gallery is {galleryDimension}-d.");
        if (galleryDimension <= 0 || gallery.Length % galleryDimension != 0)
            throw new ArgumentException($"The gallery holds {gallery.Length} values, not rows of {galleryDimension}.", nameof(gallery));
        var galleryActive = LeadingNonZeroColumns(gallery, galleryDimension);
        if (sourceHead is LinearHead { Weights: var w })
        {
            // Stryker disable once Linq : a larger a multiplies only zeros in addition
            var a = Math.Min(preparedQueries.LeadingNonZeroColumns(), w.LeadingNonZeroRows());
            // Stryker disable once Linq : a larger c scores columns that are zero on one side (ScoringOperandsTests: the scores are the full space's cosines)
            var c = Math.Min(galleryActive, w.LeadingNonZeroColumns());
            // Stryker disable once Equality : with c = W's width the shortcut and the general route give the same operands
            if (sourceHead is LinearHead { Orthogonal: true } && c < w.Cols)
            {
                // ‖z W‖ = ‖z‖: only the c columns of z W that meet the gallery are computed.
                var leading = new Matrix(preparedQueries.Rows, c);
                // Stryker disable once Logical,Equality : Dgemm with an empty dimension leaves the zero block as it is
                if (leading.Rows > 0 && a > 0 && c > 0)
                    Blas.Dgemm(false, false, leading.Rows, c, a, 1.0, preparedQueries.Data, preparedQueries.Cols, w.Data, w.Cols, 0.0, leading.Data, c);
                return new ScoringOperands(NormalizedLeading(leading, Norms(preparedQueries), c), LeadingColumns(gallery, galleryDimension, c), c);
            }
        }
        var mapped = sourceHead.Apply(preparedQueries);
        var width = Math.Min(galleryActive, mapped.LeadingNonZeroColumns());
        return new ScoringOperands(NormalizedLeading(mapped, Norms(mapped), width), LeadingColumns(gallery, galleryDimension, width), width);
    }

    /// <summary>The L2 norm of every row (sum of squares in double, in column order).</summary>
    private static double[] Norms(Matrix x)
    {
        var norms = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            double s = 0;
            foreach (var v in x.Row(i)) s += v * v;
            norms[i] = Math.Sqrt(s);
        }
        return norms;
    }

    /// <summary>(float)(x[i, j] / norms[i]) for the first <paramref name="width"/> columns; a zero norm gives a zero row.</summary>
    private static float[] NormalizedLeading(Matrix x, double[] norms, int width)
    {
        var result = new float[(long)x.Rows * width];
        for (var i = 0; i < x.Rows; i++)
        {
            var norm = norms[i];
            if (norm == 0) continue;
            var row = x.Row(i);
            var dst = result.AsSpan(i * width, width);
            for (var j = 0; j < width; j++) dst[j] = (float)(row[j] / norm);
        }
        return result;
    }

    private static float[] LeadingColumns(float[] rows, int dimension, int width)
    {
        if (width == dimension) return rows;
        var n = rows.Length / dimension;
        var result = new float[(long)n * width];
        for (var r = 0; r < n; r++) rows.AsSpan(r * dimension, width).CopyTo(result.AsSpan(r * width, width));
        return result;
    }

    /// <summary>1 + the last column holding a non-zero value in any row (0 when all are zero).</summary>
    internal static int LeadingNonZeroColumns(float[] rows, int dimension)
    {
        var last = -1;
        for (var r = 0; r < rows.Length / dimension && last < dimension - 1; r++)
        {
            var row = rows.AsSpan(r * dimension, dimension);
            for (var j = dimension - 1; j > last; j--)
                if (row[j] != 0) { last = j; break; }
        }
        return last + 1;
    }
}
