"""Planted bugs in the arithmetic of Mapping/Unpaired (docs/testing.md): (name, file, original text, replacement).

Run with: bash scripts/planted-bugs.sh mutation/unpaired_plants.py "FullyQualifiedName~GromovWassersteinStartTests|FullyQualifiedName~UnsupervisedMapTests"
"""
U='src/FaceCompat/Mapping/Unpaired/'
PLANTS=[
 ("csls-row-radius-sign", U+'CslsMatching.cs', 'var score = twice - targetRadius[j];', 'var score = twice + targetRadius[j];'),
 ("csls-column-wrong-radius", U+'CslsMatching.cs', 'var columnScore = twice - sourceRadius[i];', 'var columnScore = twice - targetRadius[j];'),
 ("topk-min-tracking", U+'CslsMatching.cs', 'for (var t = 0; t < k; t++) if (top[t] < top[minAt]) minAt = t;', 'for (var t = 0; t < k; t++) if (top[t] > top[minAt]) minAt = t;'),
 ("sinkhorn-row-marginal", U+'Sinkhorn.cs', 'u[i] = p[i] / kv[i];', 'u[i] = 1.0 / kv[i];'),
 ("sinkhorn-epsilon", U+'Sinkhorn.cs', 'Math.Exp(-(row[j] - least) / epsilon)', 'Math.Exp(-(row[j] - least) * epsilon)'),
 ("gw-cross-term", U+'GromovWasserstein.cs', 'at.Cols, -2.0, at.Data', 'at.Cols, -1.0, at.Data'),
 ("gw-constant-sign", U+'GromovWasserstein.cs', 'c[i, j] = rowA[i] + rowB[j];', 'c[i, j] = rowA[i] - rowB[j];'),
 ("signature-unsorted", U+'GromovWasserstein.cs', 'for (var i = 0; i < sorted.Rows; i++) sorted.Row(i).Sort();', ''),
 ("centroid-map-transposed", U+'CentroidMatching.cs', 'return svd.U.Multiply(svd.Vt);', 'return svd.Vt.Transpose().Multiply(svd.U.Transpose());'),
 ("kmeans-no-normalise", U+'SphericalKMeans.cs', 'if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(sums.Row(c), norm, centroids.Row(c));', 'if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(sums.Row(c), 1.0, centroids.Row(c));'),
 ("kmeans-weights", U+'SphericalKMeans.cs', 'foreach (var c in assigned) weights[c] += 1.0 / n;', 'foreach (var c in assigned) weights[c] += 1.0 / k;'),
 ("axes-skew-sign", U+'PrincipalAxes.cs', 'if (skewness < 0)', 'if (skewness > 0)'),
 ("axes-variance-order", U+'PrincipalAxes.cs', 'var column = active - 1 - j;', 'var column = j;'),
 ("start-signs-ignored", U+'SelfLearningProcrustes.cs', 'scaled[i, j] = source.Axes[i, j] * signs[j];', 'scaled[i, j] = source.Axes[i, j];'),
 ("refine-neighbour-mean", U+'SelfLearningProcrustes.cs', 'System.Numerics.Tensors.TensorPrimitives.Divide(to, k, to);', 'System.Numerics.Tensors.TensorPrimitives.Divide(to, 1.0, to);'),
]
