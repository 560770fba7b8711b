using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// The cosine scores of mapped queries against a gallery as one dot product of narrower rows:
/// score(i, g) = dot(Queries[i], Gallery[g]) = cos(q_i, gallery_g), where q_i is query i in the comparison
/// space. A map's output has rank at most min(d_s, d_t), and so does the work the scores need:
/// <list type="bullet">
/// <item>columns that are zero in every query or every gallery row (the zero padding of the smaller side)
/// add nothing to a dot product and are left out (<see cref="Route.Slice"/>);</item>
/// <item>when a linear map reads fewer source coordinates than that (W₁ = its rows that meet the a active
/// source coordinates), it is folded into the gallery once, G' = G W₁ᵀ (n x a), and the raw prepared source
/// rows are scored against G' (<see cref="Route.Fold"/>).</item>
/// </list>
/// Query norms are those of the full mapped rows (‖z W₁‖² = z (W₁ W₁ᵀ) zᵀ when folded; ‖z‖ for an orthogonal W), so the values are the
/// cosines of the comparison space to float rounding. Rows are float32 (each value computed in double and rounded
/// once), row-major, <see cref="Dimension"/> wide; an all-zero query row stays zero.
/// </summary>
internal sealed record ScoringOperands(float[] Queries, float[] Gallery, int Dimension, ScoringOperands.Route Taken)
{
    public enum Route
    {
        /// <summary>Mapped queries and gallery on the columns both can have non-zero.</summary>
        Slice,

        /// <summary>Prepared source rows against the gallery with the map folded in.</summary>
        Fold,
    }

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
            var a = Math.Min(preparedQueries.LeadingNonZeroColumns(), w.LeadingNonZeroRows());
            var c = Math.Min(galleryActive, w.LeadingNonZeroColumns());
            if (a < c) return Fold(preparedQueries, w, a, c, gallery, galleryDimension);
            if (sourceHead is LinearHead { Orthogonal: true } && c < w.Cols)
            {
                // ‖z W‖ = ‖z‖: only the c columns of z W that meet the gallery are computed.
                var leading = new Matrix(preparedQueries.Rows, c);
                if (leading.Rows > 0 && a > 0 && c > 0)
                    Blas.Dgemm(false, false, leading.Rows, c, a, 1.0, preparedQueries.Data, preparedQueries.Cols, w.Data, w.Cols, 0.0, leading.Data, c);
                return new ScoringOperands(NormalizedLeading(leading, Norms(preparedQueries), c), LeadingColumns(gallery, galleryDimension, c), c, Route.Slice);
            }
        }
        var mapped = sourceHead.Apply(preparedQueries);
        var width = Math.Min(galleryActive, mapped.LeadingNonZeroColumns());
        return new ScoringOperands(NormalizedLeading(mapped, Norms(mapped), width), LeadingColumns(gallery, galleryDimension, width), width, Route.Slice);
    }

    /// <summary>Queries z[:, :a] / ‖z W₁‖ against G' = G[:, :c] W[:a, :c]ᵀ.</summary>
    private static ScoringOperands Fold(Matrix z, Matrix w, int a, int c, float[] gallery, int dimension)
    {
        var n = gallery.Length / dimension;
        var g = new double[(long)n * c];
        for (var r = 0; r < n; r++)
        {
            var row = gallery.AsSpan(r * dimension, c);
            var wide = g.AsSpan(r * c, c);
            for (var j = 0; j < c; j++) wide[j] = row[j];
        }
        var folded = new double[(long)n * a];
        if (n > 0 && a > 0 && c > 0)
            Blas.Dgemm(false, true, n, a, c, 1.0, g, c, w.Data, w.Cols, 0.0, folded, a);

        // ‖z W₁‖² = z M zᵀ with M = W₁ W₁ᵀ (a x a) over every column of W₁ the map can make non-zero.
        var width = w.LeadingNonZeroColumns();
        var m = new double[a * a];
        var queryRows = z.Rows;
        var t = new double[(long)queryRows * a];
        if (a > 0 && width > 0)
        {
            Blas.Dgemm(false, true, a, a, width, 1.0, w.Data, w.Cols, w.Data, w.Cols, 0.0, m, a);
            if (queryRows > 0) Blas.Dgemm(false, false, queryRows, a, a, 1.0, z.Data, z.Cols, m, a, 0.0, t, a);
        }
        var norms = new double[queryRows];
        for (var i = 0; i < queryRows; i++)
        {
            var zi = z.Row(i)[..a];
            var ti = t.AsSpan(i * a, a);
            double s = 0;
            for (var j = 0; j < a; j++) s += zi[j] * ti[j];
            norms[i] = Math.Sqrt(Math.Max(0, s));
        }
        return new ScoringOperands(NormalizedLeading(z, norms, a), ToFloats(folded), a, Route.Fold);
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

    private static float[] ToFloats(double[] values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
