using FaceCompat.Infrastructure;
using Mono.Cecil;

namespace FaceCompat.Tests.Architecture;

/// <summary>
/// The one-way flow of docs/ARCHITECTURE.md, checked on the compiled library: Imaging never uses Alignment;
/// Mapping, Evaluation and Analysis work on embeddings alone; nothing in the library reaches the CLI; no library
/// string names a CLI flag. The same checker runs on a fixture of deliberate violations (LayeringFixture.cs) to
/// show that each rule, and each kind of reference, is caught.
/// </summary>
public class LayeringTests
{
    private const string Library = "FaceCompat";
    private const string Cli = "FaceCompat.Cli";
    private const string FixtureRoot = "FaceCompat.Tests.Architecture.Fixture";

    /// <summary>
    /// The package sources build the arguments of the external programs they run (npm pack ... --json,
    /// dotnet restore --packages ...): those are arguments, not messages to a user, and live only in these types.
    /// </summary>
    private static readonly string[] ExternalToolArgumentTypes =
    [
        "FaceCompat.Models.Fetching.NpmPackageSource",
        "FaceCompat.Models.Fetching.NuGetPackageSource",
    ];

    public static TheoryData<string> RuleIds => ["a", "b", "c", "d"];

    private static LayerRule Rule(string id, string root, IReadOnlyList<string> allowedFlagTypes, IReadOnlyList<string> cliAssemblies) => id switch
    {
        "a" => new ReferenceRule("a", [$"{root}.Imaging"], [$"{root}.Alignment"], []),
        "b" => new ReferenceRule("b", [$"{root}.Mapping", $"{root}.Evaluation", $"{root}.Analysis"],
            [$"{root}.Models", $"{root}.Imaging", $"{root}.Alignment", $"{root}.Extraction", $"{root}.Datasets"], []),
        "c" => new ReferenceRule("c", [root], [$"{root}.Cli"], cliAssemblies),
        "d" => new FlagLiteralRule("d", root, allowedFlagTypes),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    private static readonly Lazy<AssemblyDefinition> LibraryAssembly = new(() => LayeringChecker.Read(typeof(FaceCompatException).Assembly.Location));
    private static readonly Lazy<AssemblyDefinition> TestAssembly = new(() => LayeringChecker.Read(typeof(LayeringTests).Assembly.Location));

    // The library is checked as a whole: every type of FaceCompat.dll, whatever its namespace ("" = all).
    private static LayerRule LibraryRule(string id) => id switch
    {
        "c" => new ReferenceRule("c", [""], [Cli], [Cli]),
        "d" => new FlagLiteralRule("d", null, ExternalToolArgumentTypes),
        _ => Rule(id, Library, ExternalToolArgumentTypes, [Cli]),
    };

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void LibraryKeepsTheRule(string id)
    {
        var found = LayeringChecker.Violations(LibraryAssembly.Value, LibraryRule(id));
        Assert.True(found.Count == 0, $"Rule {id} is broken by {found.Count} reference(s):\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheLibraryIsReadAndHasItsLayers()
    {
        // Guards against checking nothing: a renamed root namespace would make every rule pass vacuously.
        var namespaces = LibraryAssembly.Value.MainModule.Types.Select(t => t.Namespace).ToHashSet();
        foreach (var layer in new[] { "Imaging", "Alignment", "Mapping", "Evaluation", "Analysis", "Models.Fetching", "Datasets", "Numerics" })
            Assert.Contains($"{Library}.{layer}", namespaces);
        foreach (var allowed in ExternalToolArgumentTypes)
            Assert.NotNull(LibraryAssembly.Value.MainModule.GetType(allowed));
    }

    [Fact]
    public void RuleACatchesEveryKindOfReference()
    {
        var found = Offenders("a");
        string[] expected =
        [
            "ViaAsync", "ViaBaseType", "ViaCall", "ViaCast", "ViaField", "ViaGenericArgument", "ViaGenericInstantiation",
            "ViaGenericMethod", "ViaInterface", "ViaIterator", "ViaLambda", "ViaLocal", "ViaNested", "ViaParameter",
            "ViaProperty", "ViaReturnType", "ViaTypeof",
        ];
        // Every offender is reported under its own (outermost) type, nested and compiler-generated code included; Clean is not.
        Assert.Equal(expected.Select(n => $"{FixtureRoot}.Imaging.{n}").Order(StringComparer.Ordinal), found.Select(v => v.Type).Distinct());
        Assert.Contains(new Violation("a", $"{FixtureRoot}.Imaging.ViaLocal", $"{FixtureRoot}.Alignment.PlanValue"), found);
        Assert.Contains(new Violation("a", $"{FixtureRoot}.Imaging.ViaInterface", $"{FixtureRoot}.Alignment.IPlanned"), found);
        Assert.Contains(new Violation("a", $"{FixtureRoot}.Imaging.ViaLambda", $"{FixtureRoot}.Alignment.Plan"), found);
        Assert.Equal($"[a] {FixtureRoot}.Imaging.ViaLambda -> {FixtureRoot}.Alignment.Plan",
            new Violation("a", $"{FixtureRoot}.Imaging.ViaLambda", $"{FixtureRoot}.Alignment.Plan").ToString());
    }

    [Fact]
    public void RuleBCatchesMappingEvaluationAndAnalysisReachingTheImageSide()
    {
        Assert.Equal(
        [
            new Violation("b", $"{FixtureRoot}.Evaluation.UsesModel", $"{FixtureRoot}.Models.Card"),
            new Violation("b", $"{FixtureRoot}.Mapping.UsesDataset", $"{FixtureRoot}.Datasets.PairList"),
        ], Offenders("b"));
    }

    [Fact]
    public void RuleCCatchesTheCliNamespaceAndAssembly()
    {
        Assert.Equal([new Violation("c", $"{FixtureRoot}.Studies.UsesCli", $"{FixtureRoot}.Cli.Command")], Offenders("c"));
        // By assembly: the fixture references the library, so "the library is the forbidden assembly" must flag it.
        var byAssembly = LayeringChecker.Violations(TestAssembly.Value, new ReferenceRule("c", [$"{FixtureRoot}.Studies"], [], [Library]));
        Assert.Empty(byAssembly);
        var tests = LayeringChecker.Violations(TestAssembly.Value, new ReferenceRule("c", ["FaceCompat.Tests.Infrastructure"], [], [Library]));
        Assert.Contains(tests, v => v.Referenced == "FaceCompat.Infrastructure.FaceCompatException");
    }

    [Fact]
    public void RuleDCatchesFlagsInLiteralsOutsideTheAllowedTypes()
    {
        Assert.Equal(
        [
            new Violation("d", $"{FixtureRoot}.Studies.NamesAFlag", "\" exists; choose another --out folder.\""),
            new Violation("d", $"{FixtureRoot}.Studies.NamesAFlagInALambda", "\"set --data\""),
        ], Offenders("d"));
        var withoutAllowList = LayeringChecker.Violations(TestAssembly.Value, Rule("d", FixtureRoot, [], []));
        Assert.Contains(new Violation("d", $"{FixtureRoot}.Models.ToolArguments", "\"--json\""), withoutAllowList);
    }

    private IReadOnlyList<Violation> Offenders(string id) =>
        LayeringChecker.Violations(TestAssembly.Value, Rule(id, FixtureRoot, [$"{FixtureRoot}.Models.ToolArguments"], []));
}
