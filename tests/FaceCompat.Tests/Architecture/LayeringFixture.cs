// Deliberate violations of the layering rules, compiled into the test assembly so that LayeringTests can show
// that LayeringChecker catches each kind of reference. The namespaces mirror the library's under a fixture
// root; nothing here is used by anything else.
#pragma warning disable CS0649, CS1998, CA1822 // fields never assigned, async without await, could be static

namespace FaceCompat.Tests.Architecture.Fixture.Alignment
{
    public class Plan
    {
        public int Size;
        public static Plan Make() => new();
    }

    public interface IPlanned;

    public struct PlanValue
    {
        public int X;
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Imaging
{
    using FaceCompat.Tests.Architecture.Fixture.Alignment;

    // Each type reaches Alignment through one kind of reference.
    public class ViaBaseType : Plan;

    public class ViaInterface : IPlanned;

    public class ViaField
    {
        public Plan? Field;
    }

    public class ViaProperty
    {
        public Plan? Property { get; set; }
    }

    public class ViaParameter
    {
        public static int Measure(Plan plan) => 0;
    }

    public class ViaReturnType
    {
        public static Plan? Nothing() => null;
    }

    public class ViaGenericArgument
    {
        public Dictionary<string, List<Plan[]>>? Plans;
    }

    public class ViaLocal
    {
        public static int Sum()
        {
            PlanValue value = default;
            value.X = 3;
            return value.X;
        }
    }

    public class ViaCall
    {
        public static int Size() => Plan.Make().Size;
    }

    public class ViaCast
    {
        public static bool Is(object o) => o is Plan;
    }

    public class ViaTypeof
    {
        public static Type Type() => typeof(Plan);
    }

    public class ViaGenericInstantiation
    {
        public static object Make() => new List<Plan>();
    }

    public class ViaGenericMethod
    {
        public static object? Make() => Activator.CreateInstance<Plan>();
    }

    public class ViaLambda
    {
        public static Func<object> Factory() => () => new Plan();
    }

    public class ViaAsync
    {
        public static async Task<int> Size()
        {
            await Task.Yield();
            return Plan.Make().Size;
        }
    }

    public class ViaIterator
    {
        public static IEnumerable<object> Plans()
        {
            yield return new Plan();
        }
    }

    public class ViaNested
    {
        public class Inner
        {
            public Plan? Field;
        }
    }

    public class Clean
    {
        public static int Twice(int x) => 2 * x;
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Datasets
{
    public record PairList(int Count);
}

namespace FaceCompat.Tests.Architecture.Fixture.Models
{
    public record Card(string Id);

    // External-tool arguments: allowed by name in the flag rule, as the library's package sources are.
    public static class ToolArguments
    {
        public static string[] Pack(string spec) => ["pack", spec, "--json"];
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Mapping
{
    public class UsesDataset
    {
        public static int Count(Fixture.Datasets.PairList pairs) => pairs.Count;
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Evaluation
{
    public class UsesModel
    {
        public static string Id() => new Fixture.Models.Card("m").Id;
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Analysis
{
    public class Clean
    {
        public static double Mean(double[] x) => x.Average();
    }
}

namespace FaceCompat.Tests.Architecture.Fixture.Cli
{
    public class Command;
}

namespace FaceCompat.Tests.Architecture.Fixture.Studies
{
    public class UsesCli
    {
        public static object Make() => new Fixture.Cli.Command();
    }

    public class NamesAFlag
    {
        public static string Message(string path) => $"{path} exists; choose another --out folder.";
    }

    public class NamesAFlagInALambda
    {
        public static Func<string> Message() => () => "set --data";
    }

    public class NoFlag
    {
        public static string Dashes() => "-- or --- or --1";
    }
}
