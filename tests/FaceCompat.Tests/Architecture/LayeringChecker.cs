using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FaceCompat.Tests.Architecture;

/// <summary>A rule on a compiled assembly, checked by <see cref="LayeringChecker.Violations"/>.</summary>
public abstract record LayerRule(string Name);

/// <summary>
/// Types in a namespace under one of <paramref name="From"/> never reference a type in a namespace under one of
/// <paramref name="Forbidden"/>, nor a type of an assembly in <paramref name="ForbiddenAssemblies"/>. A type that is
/// itself under a forbidden namespace is not checked (it may use its own namespace).
/// </summary>
public sealed record ReferenceRule(string Name, IReadOnlyList<string> From, IReadOnlyList<string> Forbidden,
    IReadOnlyList<string> ForbiddenAssemblies) : LayerRule(Name);

/// <summary>
/// No string literal (an <c>ldstr</c> in any method body, or a string constant) of a type under
/// <paramref name="Scope"/> (null: every type of the assembly) contains a CLI flag: <c>--</c> followed by a
/// letter. Types in <paramref name="AllowedTypes"/> (top-level full names) are exempt.
/// </summary>
public sealed record FlagLiteralRule(string Name, string? Scope, IReadOnlyList<string> AllowedTypes) : LayerRule(Name);

/// <summary>One offence: the (top-level) type that commits it, and the type it references or the literal it holds.</summary>
public sealed record Violation(string Rule, string Type, string Referenced)
{
    public override string ToString() => $"[{Rule}] {Type} -> {Referenced}";
}

/// <summary>
/// Reads a compiled assembly with Mono.Cecil and lists the violations of a rule. A type's references are
/// everything it names: base type, interfaces, generic constraints, attributes, fields, properties, events,
/// method signatures (return, parameters, overrides), generic arguments at any depth, locals, catch types and
/// every operand in its IL (types, methods and fields called, created, loaded, cast to or tokened). Nested
/// types, compiler-generated ones included (lambda closures, async and iterator state machines), are
/// attributed to the namespace of their outermost declaring type and reported under its name.
/// </summary>
public static partial class LayeringChecker
{
    [GeneratedRegex("--[A-Za-z]")]
    private static partial Regex CliFlag();

    /// <summary>Reads an assembly from disk; references are resolved from its own folder (and the platform) when Cecil needs them.</summary>
    public static AssemblyDefinition Read(string path)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(path)!);
        return AssemblyDefinition.ReadAssembly(path, new ReaderParameters { AssemblyResolver = resolver });
    }

    public static IReadOnlyList<Violation> Violations(AssemblyDefinition assembly, LayerRule rule) => rule switch
    {
        ReferenceRule r => ReferenceViolations(assembly, r),
        FlagLiteralRule r => FlagViolations(assembly, r),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static List<Violation> ReferenceViolations(AssemblyDefinition assembly, ReferenceRule rule)
    {
        var found = new HashSet<(string Type, string Referenced)>();
        foreach (var type in assembly.Modules.SelectMany(m => m.GetTypes()))
        {
            var owner = Outermost(type);
            if (!rule.From.Any(n => Under(owner.Namespace, n)) || rule.Forbidden.Any(n => Under(owner.Namespace, n))) continue;
            foreach (var referenced in References(type).SelectMany(Components))
            {
                var outer = Outermost(referenced);
                if (rule.Forbidden.Any(n => Under(outer.Namespace, n)) ||
                    (AssemblyOf(referenced) is { } name && rule.ForbiddenAssemblies.Contains(name, StringComparer.Ordinal)))
                    found.Add((owner.FullName, Name(referenced)));
            }
        }
        return Sorted(rule, found);
    }

    private static List<Violation> FlagViolations(AssemblyDefinition assembly, FlagLiteralRule rule)
    {
        var found = new HashSet<(string Type, string Referenced)>();
        foreach (var type in assembly.Modules.SelectMany(m => m.GetTypes()))
        {
            var owner = Outermost(type);
            if (rule.Scope is { } scope && !Under(owner.Namespace, scope)) continue;
            if (rule.AllowedTypes.Contains(owner.FullName, StringComparer.Ordinal)) continue;
            var literals = type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
                .Where(i => i.OpCode.Code == Code.Ldstr).Select(i => (string)i.Operand)
                .Concat(type.Fields.Where(f => f.HasConstant && f.Constant is string).Select(f => (string)f.Constant));
            foreach (var literal in literals.Where(l => CliFlag().IsMatch(l)))
                found.Add((owner.FullName, $"\"{literal}\""));
        }
        return Sorted(rule, found);
    }

    private static List<Violation> Sorted(LayerRule rule, IEnumerable<(string Type, string Referenced)> found) =>
        found.OrderBy(f => f.Type, StringComparer.Ordinal).ThenBy(f => f.Referenced, StringComparer.Ordinal)
            .Select(f => new Violation(rule.Name, f.Type, f.Referenced)).ToList();

    /// <summary>Namespace <paramref name="ns"/> is <paramref name="prefix"/> or inside it; the empty prefix holds every namespace.</summary>
    private static bool Under(string ns, string prefix) =>
        prefix.Length == 0 || ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } declaring) type = declaring;
        return type;
    }

    private static string Name(TypeReference type) => type.FullName;

    private static string? AssemblyOf(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference a => a.Name,
        ModuleDefinition m => m.Assembly.Name.Name,
        _ => null,
    };

    /// <summary>Every type <paramref name="type"/> names in its own declaration and members (not those of its nested types, which are types of their own).</summary>
    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var t in Constraints(type.GenericParameters)) yield return t;
        foreach (var t in Attributes(type)) yield return t;
        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
            foreach (var t in Attributes(field)) yield return t;
        }
        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
            foreach (var p in property.Parameters) yield return p.ParameterType;
            foreach (var t in Attributes(property)) yield return t;
        }
        foreach (var e in type.Events)
        {
            yield return e.EventType;
            foreach (var t in Attributes(e)) yield return t;
        }
        foreach (var method in type.Methods)
            foreach (var t in References(method))
                yield return t;
    }

    private static IEnumerable<TypeReference> References(MethodDefinition method)
    {
        yield return method.ReturnType;
        foreach (var t in Attributes(method.MethodReturnType)) yield return t;
        foreach (var p in method.Parameters)
        {
            yield return p.ParameterType;
            foreach (var t in Attributes(p)) yield return t;
        }
        foreach (var t in Constraints(method.GenericParameters)) yield return t;
        foreach (var t in Attributes(method)) yield return t;
        foreach (var o in method.Overrides)
            foreach (var t in Signature(o))
                yield return t;
        if (!method.HasBody) yield break;
        foreach (var v in method.Body.Variables) yield return v.VariableType;
        foreach (var h in method.Body.ExceptionHandlers)
            if (h.CatchType is { } catchType) yield return catchType;
        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference t:
                    yield return t;
                    break;
                case MethodReference m:
                    foreach (var t in Signature(m)) yield return t;
                    break;
                case FieldReference f:
                    yield return f.DeclaringType;
                    yield return f.FieldType;
                    break;
                case CallSite site:
                    yield return site.ReturnType;
                    foreach (var p in site.Parameters) yield return p.ParameterType;
                    break;
            }
        }
    }

    /// <summary>A referenced method: the type declaring it, its return and parameter types, its generic arguments.</summary>
    private static IEnumerable<TypeReference> Signature(MethodReference method)
    {
        yield return method.DeclaringType;
        yield return method.ReturnType;
        foreach (var p in method.Parameters) yield return p.ParameterType;
        if (method is GenericInstanceMethod generic)
            foreach (var a in generic.GenericArguments)
                yield return a;
    }

    private static IEnumerable<TypeReference> Constraints(IEnumerable<GenericParameter> parameters) =>
        parameters.SelectMany(p => p.Constraints).Select(c => c.ConstraintType);

    /// <summary>An attribute's type, and the types its arguments name (<c>typeof</c>, enum values, arrays of them).</summary>
    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider)
    {
        if (!provider.HasCustomAttributes) yield break;
        foreach (var attribute in provider.CustomAttributes)
        {
            yield return attribute.AttributeType;
            var arguments = attribute.ConstructorArguments
                .Concat(attribute.Fields.Select(f => f.Argument))
                .Concat(attribute.Properties.Select(p => p.Argument));
            foreach (var t in arguments.SelectMany(ArgumentTypes)) yield return t;
        }
    }

    private static IEnumerable<TypeReference> ArgumentTypes(CustomAttributeArgument argument)
    {
        yield return argument.Type;
        switch (argument.Value)
        {
            case TypeReference t:
                yield return t;
                break;
            case CustomAttributeArgument inner:
                foreach (var t in ArgumentTypes(inner)) yield return t;
                break;
            case CustomAttributeArgument[] items:
                foreach (var t in items.SelectMany(ArgumentTypes)) yield return t;
                break;
        }
    }

    /// <summary>The named types inside a type expression: <c>List&lt;Plan[]&gt;</c> gives List`1 and Plan.</summary>
    private static IEnumerable<TypeReference> Components(TypeReference type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var t in Components(generic.ElementType)) yield return t;
                foreach (var t in generic.GenericArguments.SelectMany(Components)) yield return t;
                yield break;
            case FunctionPointerType pointer:
                foreach (var t in Components(pointer.ReturnType)) yield return t;
                foreach (var t in pointer.Parameters.SelectMany(p => Components(p.ParameterType))) yield return t;
                yield break;
            case RequiredModifierType required:
                foreach (var t in Components(required.ModifierType)) yield return t;
                foreach (var t in Components(required.ElementType)) yield return t;
                yield break;
            case OptionalModifierType optional:
                foreach (var t in Components(optional.ModifierType)) yield return t;
                foreach (var t in Components(optional.ElementType)) yield return t;
                yield break;
            case TypeSpecification specification: // arrays, by-ref, pointers, pinned, sentinels
                foreach (var t in Components(specification.ElementType)) yield return t;
                yield break;
            default:
                yield return type;
                yield break;
        }
    }
}
