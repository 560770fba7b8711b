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
}
