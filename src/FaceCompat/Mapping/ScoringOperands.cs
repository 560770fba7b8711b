using FaceCompat.Numerics;

namespace FaceCompat.Mapping;

/// <summary>
/// The cosine scores of mapped queries against a gallery as one dot product of narrower rows:
/// score(i, g) = dot(Queries[i], Gallery[g]) = cos(q_i, gallery_g), where q_i is query i in the comparison
/// space. A map's output has rank at most min(d_s, d_t), and so does the work the scores need:
/// <list type="bullet">
/// <item>the target the smaller side: columns that are zero in every query or every gallery row (the zero padding
/// of the smaller side) add nothing to a dot product and are left out; an orthogonal map computes only the columns
/// of z W that meet the gallery;</item>
/// <item>the source the smaller side (a linear map whose a source rows are fewer than the c columns it meets in
/// the gallery): the map is folded into the gallery once, G' = G W₁ᵀ (n x a, W₁ the map's a rows that meet real
/// source coordinates), and the raw source rows are scored against it: z W₁ · g = z · (g W₁ᵀ); a map that is not
/// orthogonal is folded through the orthonormal basis of its thin SVD, so that the fold's float32 rounding does not
/// grow with the map's condition (see <see cref="Folded"/>).</item>
/// </list>
/// Query norms are those of the full mapped rows, so the values are the cosines of the comparison space: ‖z‖ for
/// an orthogonal W, else ‖z W‖ (directly, or as √(z K zᵀ) with K = W₁ W₁ᵀ when folded). Every operand is computed
/// in double and rounded once to float32. The column route multiplies the very float32 values the padded
/// computation would; the fold rounds other operands (the queries' coordinates in the map's row space over ‖z W‖,
/// and G'), so its scores equal the padded ones to
/// float32 rounding, and gallery rows whose scores are that close may change order (the numpy cross-check
/// accounts for such near-ties). Queries and gallery may come without their zero padding (only their leading
/// columns). Rows are row-major, <see cref="Dimension"/> wide; a query whose mapped row is zero stays zero.
/// </summary>
internal sealed record ScoringOperands(float[] Queries, float[] Gallery, int Dimension)
{
    /// <param name="sourceHead">The map's source side, applied to <paramref name="preparedQueries"/>.</param>
    /// <param name="preparedQueries">Prepared source rows (the input of <paramref name="sourceHead"/>), or only their leading
    /// columns (the rest being zero padding, e.g. <see cref="SpacePreparation.ApplyActive"/>).</param>
    /// <param name="gallery">L2-normalised gallery rows in the comparison space, row-major float32: all its columns, or
    /// only the leading ones (the rest being zero padding).</param>
    /// <param name="galleryDimension">The gallery's width: the comparison space's dimension, or fewer leading columns.</param>
    public static ScoringOperands Of(MapHead sourceHead, Matrix preparedQueries, float[] gallery, int galleryDimension)
    {
        if (galleryDimension > sourceHead.OutputDimension)
            throw new ArgumentException($"The map gives {sourceHead.OutputDimension}-d queries but the gallery is {galleryDimension}-d.");
        if (galleryDimension <= 0 || gallery.Length % galleryDimension != 0)
            throw new ArgumentException($"The gallery holds {gallery.Length} values, not rows of {galleryDimension}.", nameof(gallery));
        if (preparedQueries.Cols > sourceHead.InputDimension)
            throw new ArgumentException($"The queries have {preparedQueries.Cols} columns but the map takes {sourceHead.InputDimension}.", nameof(preparedQueries));
        var galleryActive = LeadingNonZeroColumns(gallery, galleryDimension);
        if (sourceHead is LinearHead linear)
        {
            // Only W's first a rows meet the queries' non-zero columns, and only its first galleryActive columns meet the
            // gallery: the rest of W is never read (a padded W's zero rows may be memory that was never touched, whose
            // first read is a page fault; an orthogonal W known by a block is not completed).
            var queryColumns = preparedQueries.LeadingNonZeroColumns();
            var w = linear.Covering(queryColumns, galleryActive);
            var a = w.LeadingNonZeroRows(Math.Min(queryColumns, w.Rows));
            var outputColumns = w.LeadingNonZeroColumns(a);
            var c = Math.Min(galleryActive, outputColumns);
            var orthogonal = sourceHead is LinearHead { Orthogonal: true };
            // Stryker disable once Equality : with a = c the fold has the same width and the same scores to float rounding
            if (a < c)
                return Folded(w, preparedQueries, orthogonal, a, gallery, galleryDimension, c);
            // Stryker disable once Equality,Logical,Boolean : the shortcut only skips columns; the general route gives the same cosines (to rounding)
            if ((orthogonal || outputColumns == c) && c < sourceHead.OutputDimension)
            {
                // Only the c columns of z W that meet the gallery are computed; the norm of the whole mapped row is
                // ‖z‖ for an orthogonal W, and that of these c columns when W writes no other column.
                var leading = new Matrix(preparedQueries.Rows, c);
                // Stryker disable once Logical,Equality : Dgemm with an empty dimension leaves the zero block as it is
                if (leading.Rows > 0 && a > 0 && c > 0)
                    Blas.Dgemm(false, false, leading.Rows, c, a, 1.0, preparedQueries.Data, preparedQueries.Cols, w.Data, w.Cols, 0.0, leading.Data, c);
                var norms = orthogonal ? Norms(preparedQueries) : Norms(leading);
                return new ScoringOperands(NormalizedLeading(leading, norms, c), LeadingColumns(gallery, galleryDimension, c), c);
            }
        }
        var mapped = sourceHead.Apply(TrainingPair.Embed(preparedQueries, preparedQueries.Rows, sourceHead.InputDimension));
        var width = Math.Min(galleryActive, mapped.LeadingNonZeroColumns());
        return new ScoringOperands(NormalizedLeading(mapped, Norms(mapped), width), LeadingColumns(gallery, galleryDimension, width), width);
    }

    /// <summary>
    /// The map folded into the gallery: with W₁ = W[:a, :c] = C B (B a x c, its rows a basis of W₁'s row space),
    /// z W₁ · g = (z C) · (g Bᵀ), so queries y = z[:, :a] C / ‖z W‖ are scored against G' = G[:, :c] Bᵀ (n x a).
    /// ‖z W‖ is ‖z‖ for an orthogonal W; otherwise √(z K zᵀ) with K = W[:a, :] W[:a, :]ᵀ over every column of W (the
    /// mapped row's mass outside the gallery's columns counts, as in the padded computation).
    /// <para>Why a basis: a padded score sums terms whose magnitudes add up to at most 1 (two unit rows), so float32
    /// rounds it by about one unit in the last place. The fold's terms y_j G'_gj add up to at most ‖y‖ ‖G'_g‖, which
    /// is at most 1 when ‖g Bᵀ‖ ≤ ‖g‖, i.e. when B's singular values are at most 1 (‖y‖ = ‖z W₁‖ ≤ ‖z W‖). An
    /// orthogonal W's own rows qualify (C = I, B = W₁); any other map's are replaced by the orthonormal rows of its
    /// thin SVD, W₁ = U S Vᵀ, C = U S, B = Vᵀ. Folding an ill-conditioned W₁ itself (least squares on real
    /// embeddings: singular values 540 … 0.19) made those sums 150–230 and moved scores by 2e-5.</para>
    /// </summary>
    private static ScoringOperands Folded(Matrix w, Matrix z, bool orthogonal, int a, float[] gallery, int galleryDimension, int c)
    {
        // Stryker disable once Conditional : √(z K zᵀ) is ‖z‖ for an orthogonal W (K = I), to rounding
        var norms = orthogonal ? Norms(z) : MappedNorms(w, z, a);
        // Stryker disable once Conditional : an orthogonal W's own rows and its SVD's are two bases of one row space (the same cosines to rounding)
        var (queries, basis, basisStride) = orthogonal ? (z, w.Data, w.Cols) : SvdCoordinates(w, z, a, c);
        var n = gallery.Length / galleryDimension;
        var unit = LargeArrays.Zeroed<float>((long)n * a);
        // In blocks of gallery rows, so the double operands stay small (no second copy of the whole gallery).
        // Stryker disable once Linq : a block larger than the gallery only makes its buffers larger
        var block = Math.Min(n, FoldBlockRows);
        var rows = new double[block * c];
        var folded = new double[block * a];
        // Stryker disable once Equality : a pass at start = n has no row
        for (var start = 0; start < n; start += block)
        {
            var count = Math.Min(block, n - start);
            for (var r = 0; r < count; r++)
            {
                var src = gallery.AsSpan((start + r) * galleryDimension, c);
                var dst = rows.AsSpan(r * c, c);
                for (var j = 0; j < c; j++) dst[j] = src[j];
            }
            Blas.Dgemm(false, true, count, a, c, 1.0, rows, c, basis, basisStride, 0.0, folded, a);
            var target = unit.AsSpan(start * a, count * a);
            for (var k = 0; k < target.Length; k++) target[k] = (float)folded[k];
        }
        return new ScoringOperands(NormalizedLeading(queries, norms, a), unit, a);
    }

    /// <summary>
    /// W₁ = W[:a, :c] = U S Vᵀ (thin SVD): the queries' coordinates z[:, :a] U S (n x a) and the orthonormal basis
    /// rows Vᵀ (a x c, row stride c).
    /// </summary>
    private static (Matrix Queries, double[] Basis, int BasisStride) SvdCoordinates(Matrix w, Matrix z, int a, int c)
    {
        var w1 = new Matrix(a, c);
        for (var i = 0; i < a; i++) w.Row(i)[..c].CopyTo(w1.Row(i));
        var svd = Decompositions.ThinSvd(w1);
        var coefficients = svd.U.Clone();
        for (var i = 0; i < a; i++)
        {
            var row = coefficients.Row(i);
            for (var j = 0; j < row.Length; j++) row[j] *= svd.S[j];
        }
        var y = new Matrix(z.Rows, a);
        // Stryker disable once Logical,Equality : Dgemm with an empty dimension leaves the zero block as it is
        if (z.Rows > 0)
            Blas.Dgemm(false, false, z.Rows, a, a, 1.0, z.Data, z.Cols, coefficients.Data, a, 0.0, y.Data, a);
        return (y, svd.Vt.Data, c);
    }

    /// <summary>Gallery rows folded per block (a block's double operands: this many rows of the gallery and of G').</summary>
    internal const int FoldBlockRows = 256;

    /// <summary>‖z_i W‖ = √(z_i K z_iᵀ) with K = W[:a, :] W[:a, :]ᵀ, for rows z whose columns from a on are zero.</summary>
    private static double[] MappedNorms(Matrix w, Matrix z, int a)
    {
        var k = new double[a * a];
        Blas.Dgemm(false, true, a, a, w.Cols, 1.0, w.Data, w.Cols, w.Data, w.Cols, 0.0, k, a);
        var zk = new double[(long)z.Rows * a];
        // Stryker disable once Boolean : K is symmetric, Kᵀ = K
        Blas.Dgemm(false, false, z.Rows, a, a, 1.0, z.Data, z.Cols, k, a, 0.0, zk, a);
        var norms = new double[z.Rows];
        for (var i = 0; i < z.Rows; i++)
        {
            var row = z.Row(i);
            double s = 0;
            for (var j = 0; j < a; j++) s += row[j] * zk[(long)i * a + j];
            // Stryker disable once Equality : √0 = 0
            norms[i] = s > 0 ? Math.Sqrt(s) : 0;
        }
        return norms;
    }

    /// <summary>The L2 norm of every row.</summary>
    private static double[] Norms(Matrix x)
    {
        var norms = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++) norms[i] = Norm(x.Row(i));
        return norms;
    }

    /// <summary>The L2 norm of a row (sum of squares in double, in column order).</summary>
    private static double Norm(ReadOnlySpan<double> row)
    {
        double s = 0;
        foreach (var v in row) s += v * v;
        return Math.Sqrt(s);
    }

    /// <summary>(float)(x[i, j] / norms[i]) for the first <paramref name="width"/> columns; a zero norm gives a zero row.</summary>
    private static float[] NormalizedLeading(Matrix x, double[] norms, int width)
    {
        var result = LargeArrays.Zeroed<float>((long)x.Rows * width);
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
        var result = LargeArrays.Zeroed<float>((long)n * width);
        for (var r = 0; r < n; r++) rows.AsSpan(r * dimension, width).CopyTo(result.AsSpan(r * width, width));
        return result;
    }

    /// <summary>1 + the last column holding a non-zero value in any row (0 when all are zero).</summary>
    internal static int LeadingNonZeroColumns(float[] rows, int dimension) => LeadingNonZero.Columns<float>(rows, dimension, rows.Length / dimension);
}
