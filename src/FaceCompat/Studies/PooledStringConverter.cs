using System.Text.Json;
using System.Text.Json.Serialization;
using FaceCompat.Infrastructure;

namespace FaceCompat.Studies;

/// <summary>Reads every JSON string through one <see cref="StringPool"/>, so equal strings of a study's unit files share one instance. One per reader.</summary>
internal sealed class PooledStringConverter : JsonConverter<string>
{
    private readonly StringPool _pool = new();

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } value ? _pool.Get(value) : null;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
