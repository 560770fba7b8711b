using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FaceCompat.Numerics;

/// <summary>
/// Results of expensive computations kept for reuse, each keyed by what it depends on: a kind, its parameters
/// and the SHA-256 digests of the matrices it reads (<see cref="Digest"/>). A hit gives exactly the value a fresh
/// computation would. The entries held stay under a byte budget (least recently used ones go first); the owner
/// clears the memo when the work that shares it is done (a study does so between groups of units).
/// </summary>
internal sealed class WorkMemo(long budgetBytes = WorkMemo.DefaultBudgetBytes)
{
    /// <summary>Enough for the degree-2 kernels and factors of five seeds of a full LFW split.</summary>
    public const long DefaultBudgetBytes = 6L << 30;

    private readonly object gate = new();
    private readonly Dictionary<MemoKey, LinkedListNode<(MemoKey Key, object Value, long Bytes)>> entries = [];
    private readonly LinkedList<(MemoKey Key, object Value, long Bytes)> recency = new();
    private long bytes;

    /// <summary>Entries served from the memo and computed, since creation (for tests and logs).</summary>
    public int Hits { get; private set; }
    public int Misses { get; private set; }

    /// <summary>The value under <paramref name="key"/>, computed and kept (when it fits the budget) on a miss.</summary>
    public T GetOrAdd<T>(MemoKey key, Func<T> compute, Func<T, long> size) where T : class
    {
        lock (gate)
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                Hits++;
                return (T)node.Value.Value;
            }
        var value = compute();
        var valueBytes = size(value);
        lock (gate)
        {
            Misses++;
            if (valueBytes > budgetBytes || entries.ContainsKey(key)) return value;
            while (bytes + valueBytes > budgetBytes && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                entries.Remove(oldest.Value.Key);
                bytes -= oldest.Value.Bytes;
            }
            entries[key] = recency.AddFirst((key, value, valueBytes));
            bytes += valueBytes;
        }
        return value;
    }

    /// <summary>A matrix, kept by its size in bytes.</summary>
    public Matrix GetOrAdd(MemoKey key, Func<Matrix> compute) => GetOrAdd(key, compute, m => (long)m.Data.Length * sizeof(double));

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
            recency.Clear();
            bytes = 0;
        }
    }

    /// <summary>SHA-256 (hex) of a matrix's shape and values.</summary>
    public static string Digest(Matrix m)
    {
        var digest = new RowDigest(m.Rows, m.Cols);
        digest.Append(m.Data);
        return digest.Finish();
    }

    /// <summary><see cref="Digest"/> of a rows x cols matrix whose row-major values are appended a block of rows at a time.</summary>
    public sealed class RowDigest
    {
        private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public RowDigest(int rows, int cols)
        {
            // Stryker disable once Statement : the values' count and the columns fix the rows
            sha.AppendData(BitConverter.GetBytes(rows));
            // Stryker disable once Statement : the values' count and the rows fix the columns
            sha.AppendData(BitConverter.GetBytes(cols));
        }

        public void Append(ReadOnlySpan<double> values) => sha.AppendData(MemoryMarshal.AsBytes(values));

        public string Finish()
        {
            var hex = Convert.ToHexString(sha.GetHashAndReset());
            sha.Dispose();
            return hex;
        }
    }
}

/// <summary>What a memo entry depends on: a kind (e.g. "gram"), its parameters and the digests of its inputs.</summary>
internal sealed record MemoKey(string Kind, string Parameters, params string[] Inputs)
{
    public bool Equals(MemoKey? other) =>
        other is not null && Kind == other.Kind && Parameters == other.Parameters && Inputs.AsSpan().SequenceEqual(other.Inputs);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(Parameters);
        foreach (var input in Inputs) hash.Add(input);
        return hash.ToHashCode();
    }
}
