using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace FaceCompat.Studies.Config;

/// <summary>
/// A YAML error of a study configuration in a user's words: the line, the key, what the key expects and
/// what was found, instead of the deserializer's .NET type names.
/// </summary>
internal static partial class YamlErrorText
{
    public static string Explain(YamlException ex, string yaml, string label)
    {
        var lineNumber = (int)ex.Start.Line;
        var column = (int)ex.Start.Column;
        var line = LineAt(yaml, lineNumber);
        var where = $"{label}: line {lineNumber}";
        if (ex.Message.Contains("not found on type", StringComparison.Ordinal) && KeyAt(line, line.Length + 1) is { } unknown)
            return $"{where}: unknown key '{unknown}': {line.Trim()}";
        if (ex is SyntaxErrorException)
            return $"{where}: not valid YAML ({ex.Message.TrimEnd('.')}): {line.Trim()}";
        // The deserializer reports an unclosed bracket or a broken structure as an invalid operation or without a cause.
        if (ex.InnerException is null or InvalidOperationException)
            return $"{where}: not valid YAML here or just before (check brackets, quotes and indentation): {line.Trim()}";
        var key = KeyAt(line, column);
        if (key is null) return $"{where}: a value has the wrong type: {line.Trim()}";
        var found = ValueAt(line, column, key);
        var expected = Expected(key);
        return found is null
            ? $"{where}: '{key}' expects {expected}: {line.Trim()}"
            : $"{where}: '{key}' expects {expected}, found '{found}'.";
    }

    private static string LineAt(string yaml, int lineNumber)
    {
        var lines = yaml.Split('\n');
        return lineNumber >= 1 && lineNumber <= lines.Length ? lines[lineNumber - 1].TrimEnd('\r') : "";
    }

    // The last "key:" before the error's column (flow mappings put several keys on one line).
    private static string? KeyAt(string line, int column)
    {
        var before = line[..Math.Clamp(column - 1, 0, line.Length)];
        var matches = KeyPattern().Matches(before);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value;
    }

    private static string? ValueAt(string line, int column, string key)
    {
        var start = Math.Clamp(column - 1, 0, line.Length);
        var keyEnd = line.LastIndexOf(key + ":", start >= line.Length ? line.Length - 1 : start, StringComparison.Ordinal);
        if (keyEnd >= 0 && start <= keyEnd + key.Length) start = keyEnd + key.Length + 1;
        var value = ValuePattern().Match(line[start..]).Value.Trim();
        return value.Length == 0 ? null : value;
    }

    // What a key of the configuration takes, from the type of the property it names (the first found).
    private static string Expected(string key)
    {
        var property = typeof(StudyYaml).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(StudyYaml).Namespace && t.Name.EndsWith("Yaml", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .FirstOrDefault(p => string.Equals(Underscored(p.Name), key, StringComparison.Ordinal));
        return property is null ? "another kind of value" : Describe(property.PropertyType);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int)) return "a whole number";
        if (type == typeof(double)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a text value";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            return $"a list [..] of {Plural(Describe(type.GetGenericArguments()[0]))}";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return "a mapping { key: value, ... }";
        return "a mapping { key: value, ... }";
    }

    private static string Plural(string one) => one switch
    {
        "a whole number" => "whole numbers",
        "a number" => "numbers",
        "true or false" => "true/false values",
        "a text value" => "text values",
        _ => "mappings",
    };

    private static string Underscored(string name) => UpperPattern().Replace(name, m => (m.Index > 0 ? "_" : "") + m.Value.ToLowerInvariant());

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*:")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[^,}\]#]*")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperPattern();
}
