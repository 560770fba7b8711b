using FaceCompat.Infrastructure;
using FaceCompat.Mapping;
using FaceCompat.Studies;

namespace FaceCompat.Tests.Studies;

public class UnpairedInputTests
{
    private static readonly string[] Identities =
        ["ann", "bob", "ann", "cid", "dan", "bob", "eve", "ann", "fay", "gus", "dan", "hal", "bob", "ann"];

    [Fact]
    public void DisjointPeopleSplitsTheIdentitiesInHalves()
    {
        var (source, target) = UnpairedInputs.Partition(Identities, UnpairedInput.DisjointPeople, 42);
        var sourcePeople = source.Select(i => Identities[i]).ToHashSet();
        var targetPeople = target.Select(i => Identities[i]).ToHashSet();
        Assert.Empty(sourcePeople.Intersect(targetPeople));
        Assert.Equal(Identities.Distinct().Count(), sourcePeople.Count + targetPeople.Count);
        Assert.Equal(4, sourcePeople.Count); // 8 people: half each
        Assert.Equal(Identities.Length, source.Length + target.Length);
        Assert.NotEqual(source, UnpairedInputs.Partition(Identities, UnpairedInput.DisjointPeople, 7).Source);
    }

    [Fact]
    public void DifferentImagesSplitsEachPersonsImages()
    {
        var (source, target) = UnpairedInputs.Partition(Identities, UnpairedInput.DifferentImages, 42);
        Assert.Empty(source.Intersect(target));
        var people = Identities.GroupBy(i => i).Where(g => g.Count() >= 2).Select(g => g.Key).Order().ToArray();
        Assert.Equal(people, source.Select(i => Identities[i]).Distinct().Order().ToArray());
        Assert.Equal(people, target.Select(i => Identities[i]).Distinct().Order().ToArray());
        Assert.Equal(2, source.Count(i => Identities[i] == "ann"));
        Assert.Equal(2, target.Count(i => Identities[i] == "ann"));
        Assert.DoesNotContain(source.Concat(target), i => Identities[i] == "eve"); // one image: on neither side
    }

    [Fact]
    public void SameImagesGivesEveryRowToBoth()
    {
        var (source, target) = UnpairedInputs.Partition(Identities, UnpairedInput.SameImages, 42);
        Assert.Equal(Enumerable.Range(0, Identities.Length), source);
        Assert.Equal(source, target);
    }

    [Fact]
    public void NamesRoundTripAndTheMapParsesItsBudget()
    {
        Assert.All(Enum.GetValues<UnpairedInput>(), v => Assert.Equal(v, UnpairedInputs.Parse(v.Name())));
        Assert.Null(UnpairedInputs.Parse("paired"));
        Assert.Equal("unsupervised-procrustes:restarts=3:seed=5", MapSpec.Parse("unsupervised:restarts=3:seed=5").Label);
        Assert.Contains("seed=9", MapSpec.Parse("unsupervised-procrustes").CreateFitter(9).Spec);
        Assert.Contains("restarts must be a positive integer",
            Assert.Throws<FaceCompatException>(() => MapSpec.Parse("unsupervised-procrustes:restarts=0")).Message);
    }
}
