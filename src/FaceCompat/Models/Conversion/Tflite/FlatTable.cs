using FaceCompat.Infrastructure;
using Google.FlatBuffers;

namespace FaceCompat.Models.Conversion.Tflite;

/// <summary>
/// One FlatBuffers table inside a byte buffer, read field by field (field i's vtable slot is 4 + 2i).
/// Every offset is checked against the buffer before it is followed, so a truncated or corrupt file
/// gives one <see cref="FaceCompatException"/> naming the file and the table being read, never an
/// index error.
/// </summary>
internal readonly struct FlatTable
{
    private readonly ByteBuffer _bb;
    private readonly int _pos;
    private readonly int _vtable;
    private readonly int _vtableLength;
    private readonly string _what;
    private readonly string _source;

    private FlatTable(ByteBuffer bb, int pos, string what, string source)
    {
        _bb = bb; _pos = pos; _what = what; _source = source;
        Need(pos, 4, "table");
        _vtable = pos - bb.GetInt(pos);
        Need(_vtable, 4, "vtable");
        _vtableLength = bb.GetShort(_vtable);
        var tableLength = bb.GetShort(_vtable + 2);
        if (_vtableLength < 4 || (_vtableLength & 1) != 0 || tableLength < 4) throw Corrupt($"a malformed vtable (length {_vtableLength})");
        Need(_vtable, _vtableLength, "vtable");
        Need(pos, tableLength, "table");
    }

    /// <summary>The root table of a buffer (its first four bytes hold the root offset).</summary>
    public static FlatTable Root(byte[] bytes, string what, string source)
    {
        var bb = new ByteBuffer(bytes);
        if (bytes.Length < 8) throw new FaceCompatException($"{source} is not a TFLite model: {bytes.Length} bytes is too short for a FlatBuffer.");
        return new FlatTable(bb, bb.GetInt(0), what, source);
    }

    public bool Has(int field) => FieldOffset(field) != 0;

    public sbyte SByte(int field, sbyte fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 1, _bb.GetSbyte) : fallback;
    public byte Byte(int field, byte fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 1, _bb.Get) : fallback;
    public bool Bool(int field) => Byte(field) != 0;
    public int Int(int field, int fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 4, _bb.GetInt) : fallback;
    public uint UInt(int field, uint fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 4, _bb.GetUint) : fallback;
    public float Float(int field, float fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 4, _bb.GetFloat) : fallback;
    public ulong ULong(int field, ulong fallback = 0) => FieldOffset(field) is var o and not 0 ? Read(o, 8, _bb.GetUlong) : fallback;

    public string? String(int field)
    {
        if (Vector(field, 1) is not var (start, length)) return null;
        return System.Text.Encoding.UTF8.GetString(_bb.ToArraySegment(start, length).AsSpan());
    }

    /// <summary>A sub-table, or null when the field is absent.</summary>
    public FlatTable? Table(int field, string what)
    {
        var o = FieldOffset(field);
        if (o == 0) return null;
        var at = _pos + o;
        return new FlatTable(_bb, Follow(at), what, _source);
    }

    public int[] Ints(int field)
    {
        if (Vector(field, 4) is not var (start, length)) return [];
        var r = new int[length];
        for (var i = 0; i < length; i++) r[i] = _bb.GetInt(start + 4 * i);
        return r;
    }

    public float[] Floats(int field)
    {
        if (Vector(field, 4) is not var (start, length)) return [];
        var r = new float[length];
        for (var i = 0; i < length; i++) r[i] = _bb.GetFloat(start + 4 * i);
        return r;
    }

    public int VectorLength(int field, int elementSize) => Vector(field, elementSize)?.Length ?? 0;

    /// <summary>The bytes of a [ubyte] vector (empty when absent).</summary>
    public ReadOnlySpan<byte> Bytes(int field) =>
        Vector(field, 1) is var (start, length) ? _bb.ToArraySegment(start, length).AsSpan() : [];

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FlatTable TableAt(int field, int index, string what)
    {
        if (Vector(field, 4) is not var (start, length) || index < 0 || index >= length)
            throw Corrupt($"no element {index} in its list of {what}");
        return new FlatTable(_bb, Follow(start + 4 * index), what, _source);
    }

    /// <summary>Bytes <paramref name="offset"/>..+<paramref name="length"/> of the whole file (TFLite buffers stored outside the FlatBuffer).</summary>
    public ReadOnlySpan<byte> FileBytes(ulong offset, ulong length)
    {
        if (offset > (ulong)_bb.Length || length > (ulong)_bb.Length - offset) throw Corrupt($"a buffer at offset {offset} ({length} bytes) past the end of the file");
        return _bb.ToArraySegment((int)offset, (int)length).AsSpan();
    }

    private (int Start, int Length)? Vector(int field, int elementSize)
    {
        var o = FieldOffset(field);
        if (o == 0) return null;
        var at = Follow(_pos + o);
        Need(at, 4, "vector length");
        var length = _bb.GetInt(at);
        if (length < 0 || (long)length * elementSize > _bb.Length - at - 4L) throw Corrupt($"a vector of {length} elements past the end of the file");
        return (at + 4, length);
    }

    private int FieldOffset(int field)
    {
        var slot = 4 + 2 * field;
        return slot + 2 > _vtableLength ? 0 : (ushort)_bb.GetShort(_vtable + slot);
    }

    private T Read<T>(int fieldOffset, int size, Func<int, T> get)
    {
        Need(_pos + fieldOffset, size, "field");
        return get(_pos + fieldOffset);
    }

    /// <summary>The absolute position a uoffset at <paramref name="at"/> points to.</summary>
    private int Follow(int at)
    {
        Need(at, 4, "offset");
        var target = (long)at + _bb.GetUint(at);
        if (target >= _bb.Length) throw Corrupt($"an offset pointing past the end of the file ({target} >= {_bb.Length})");
        return (int)target;
    }

    private void Need(long at, long size, string part)
    {
        if (at < 0 || size < 0 || at + size > _bb.Length)
            throw Corrupt($"a {part} at byte {at} that runs past the end of the file ({_bb.Length} bytes)");
    }

    private FaceCompatException Corrupt(string detail) =>
        new($"{_source} is not a valid TFLite model (truncated or corrupt FlatBuffer): reading {_what} found {detail}.");
}
