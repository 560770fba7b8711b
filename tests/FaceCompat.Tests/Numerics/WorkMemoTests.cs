using FaceCompat.Numerics;

namespace FaceCompat.Tests.Numerics;

public class WorkMemoTests
{
    [Fact]
    public void AHitReturnsTheKeptValueAndTheBudgetEvictsTheLeastRecentlyUsed()
    {
        var memo = new WorkMemo(budgetBytes: 2 * 8 * 4); // two 2x2 matrices
        var computed = 0;
        Matrix Make(double v) { computed++; return new Matrix(2, 2, [v, v, v, v]); }
        var a = memo.GetOrAdd(new MemoKey("k", "a"), () => Make(1));
        Assert.Same(a, memo.GetOrAdd(new MemoKey("k", "a"), () => Make(9)));
        memo.GetOrAdd(new MemoKey("k", "b"), () => Make(2));
        memo.GetOrAdd(new MemoKey("k", "a"), () => Make(9)); // a is now the most recent
        memo.GetOrAdd(new MemoKey("k", "c"), () => Make(3)); // evicts b
        Assert.Equal(3, computed);
        Assert.Equal(1, memo.GetOrAdd(new MemoKey("k", "a"), () => Make(9))[0, 0]);
        Assert.Equal(2, memo.GetOrAdd(new MemoKey("k", "b"), () => Make(2))[0, 0]);
        Assert.Equal(4, computed);
        Assert.Equal(3, memo.Hits);
        memo.Clear();
        memo.GetOrAdd(new MemoKey("k", "a"), () => Make(1));
        Assert.Equal(5, computed);
    }

    [Fact]
    public void KeysCompareByEveryPartAndDigestsByShapeAndValues()
    {
        Assert.Equal(new MemoKey("gram", "3", "x"), new MemoKey("gram", "3", "x"));
        Assert.NotEqual(new MemoKey("gram", "3", "x"), new MemoKey("gram", "3", "y"));
        Assert.NotEqual(new MemoKey("gram", "3", "x"), new MemoKey("cross", "3", "x"));
        Assert.NotEqual(new MemoKey("gram", "3", "x"), new MemoKey("gram", "4", "x"));
        var m = new Matrix(2, 3, [1, 2, 3, 4, 5, 6]);
        Assert.Equal(WorkMemo.Digest(m), WorkMemo.Digest(m.Clone()));
        Assert.NotEqual(WorkMemo.Digest(m), WorkMemo.Digest(new Matrix(3, 2, [1, 2, 3, 4, 5, 6])));
        var changed = m.Clone();
        changed[1, 2] = 6.000000001;
        Assert.NotEqual(WorkMemo.Digest(m), WorkMemo.Digest(changed));
    }

    private static Matrix Of(double v) => new(1, 1, [v]); // 8 bytes

    [Fact]
    public void MissesAreCountedAndAValueOverTheBudgetIsReturnedButNotKeptNorEvictsAnything()
    {
        var memo = new WorkMemo(budgetBytes: 16);
        var computed = 0;
        Matrix Make(double v) { computed++; return Of(v); }
        memo.GetOrAdd(new MemoKey("k", "a"), () => Make(1));
        var big = memo.GetOrAdd(new MemoKey("k", "big"), () => { computed++; return new Matrix(1, 3, [1, 2, 3]); });
        Assert.Equal(3, big.Cols);
        Assert.Equal((0, 2), (memo.Hits, memo.Misses));
        memo.GetOrAdd(new MemoKey("k", "a"), () => Make(9)); // still kept
        memo.GetOrAdd(new MemoKey("k", "big"), () => { computed++; return new Matrix(1, 3); }); // never kept
        Assert.Equal((1, 3, 3), (memo.Hits, memo.Misses, computed));

        var exact = new WorkMemo(budgetBytes: 8);
        exact.GetOrAdd(new MemoKey("k", "a"), () => Of(1));
        exact.GetOrAdd(new MemoKey("k", "a"), () => Of(2)); // a value exactly the budget's size is kept
        Assert.Equal((1, 1), (exact.Hits, exact.Misses));
    }

    [Fact]
    public void EvictionsGoOnInOrderOfUseAndStartAfreshAfterAClear()
    {
        var memo = new WorkMemo(budgetBytes: 24); // three 1x1 matrices
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) memo.GetOrAdd(new MemoKey("k", name), () => Of(1));
        // d evicted a, e evicted b. A hit only reorders; a miss adds and evicts, so the kept ones are looked up first.
        Assert.Equal(new[] { true, true, true, false, false }, new[] { "c", "d", "e", "a", "b" }.Select(Kept).ToArray());

        memo.Clear();
        foreach (var name in new[] { "p", "q", "r", "s" }) memo.GetOrAdd(new MemoKey("k", name), () => Of(1));
        // s evicted p, not an entry from before the clear
        Assert.Equal(new[] { true, true, true, false }, new[] { "q", "r", "s", "p" }.Select(Kept).ToArray());

        bool Kept(string name)
        {
            var hits = memo.Hits;
            memo.GetOrAdd(new MemoKey("k", name), () => Of(1));
            return memo.Hits > hits;
        }
    }

    [Fact]
    public void KeysThatDifferInAnyPartHashApart()
    {
        // HashCode is randomised per process; three distinct values collide by chance with probability ~1e-9
        var keys = new[] { new MemoKey("gram", "3", "x"), new MemoKey("cross", "3", "x"), new MemoKey("gram", "4", "x"), new MemoKey("gram", "3", "y") };
        Assert.Equal(keys.Length, keys.Select(k => k.GetHashCode()).Distinct().Count());
        Assert.Equal(keys[0].GetHashCode(), new MemoKey("gram", "3", "x").GetHashCode());
    }
}
