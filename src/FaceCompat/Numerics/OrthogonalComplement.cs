using System.Numerics.Tensors;

namespace FaceCompat.Numerics;

/// <summary>
/// An orthonormal basis of the complement of the span of orthonormal columns: for P (d x b, PᵀP = I, b ≤ d), a
/// d x (d - b) matrix C with CᵀC = I and PᵀC = 0, so that [P | C] is orthogonal. From the Householder QR of P,
/// P = H_0 … H_{b-1} [R; 0], C = H_0 … H_{b-1} [0; I] = E - V T (V[b:, :])ᵀ in the compact WY form
/// H_0 … H_{b-1} = I - V T Vᵀ (LAPACK's dgeqrf and dlarft): b reflectors in managed code, then one d x (d - b) x b
/// product. Far cheaper than the full SVD whose left factor would also complete P (1,024 x 128: the full SVD 205 ms,
/// this and the thin SVD about 35 ms).
/// </summary>
internal static class OrthogonalComplement
{
    public static Matrix Of(Matrix p)
    {
        int d = p.Rows, b = p.Cols;
        if (b > d) throw new ArgumentException($"{b} columns of length {d} cannot be orthonormal.", nameof(p));
        // Householder QR of P, column-major: v.Row(k) is column k of P, overwritten by the reflector v_k (v_k[k] = 1,
        // zero above k).
        var v = p.Transpose();
        var tau = new double[b];
        for (var k = 0; k < b; k++)
        {
            var x = v.Row(k)[k..];
            var alpha = x[0];
            var rest = TensorPrimitives.Norm(x[1..]);
            if (rest == 0) { tau[k] = 0; x[0] = 1; continue; } // H_k = I (the column is already along e_k)
            var beta = -Math.CopySign(Math.Sqrt(alpha * alpha + rest * rest), alpha);
            tau[k] = (beta - alpha) / beta;
            TensorPrimitives.Multiply(x[1..], 1 / (alpha - beta), x[1..]);
            x[0] = 1;
            for (var j = k + 1; j < b; j++)
            {
                var y = v.Row(j)[k..];
                var w = tau[k] * TensorPrimitives.Dot<double>(x, y);
                TensorPrimitives.MultiplyAdd(x, -w, y, y);
            }
        }
        for (var k = 0; k < b; k++) v.Row(k)[..k].Clear();
        // T (b x b, upper triangular): T[:i, i] = -tau_i T[:i, :i] (V[:, :i]ᵀ v_i), T[i, i] = tau_i.
        var t = new Matrix(b, b);
        var z = new double[b];
        for (var i = 0; i < b; i++)
        {
            t[i, i] = tau[i];
            for (var j = 0; j < i; j++) z[j] = -tau[i] * TensorPrimitives.Dot<double>(v.Row(j)[i..], v.Row(i)[i..]);
            for (var r = 0; r < i; r++)
            {
                double s = 0;
                for (var j = r; j < i; j++) s += t[r, j] * z[j];
                t[r, i] = s;
            }
        }
        // C = E - V (T V[b:, :]ᵀ): M = T (Vᵀ)[:, b:] is b x (d - b); V is vᵀ (d x b).
        var m = new Matrix(b, d - b);
        if (b > 0 && d > b)
            Blas.Dgemm(false, false, b, d - b, b, 1.0, t.Data, b, v.Data.AsSpan(b), d, 0.0, m.Data, d - b);
        var c = new Matrix(d, d - b);
        for (var i = 0; i < d - b; i++) c[b + i, i] = 1;
        if (b > 0 && d > b)
            Blas.Dgemm(true, false, d, d - b, b, -1.0, v.Data, d, m.Data, d - b, 1.0, c.Data, d - b);
        return c;
    }
}
