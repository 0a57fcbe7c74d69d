using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace RemoteSupport.Server.Features.Storage;

/// <summary>The name of a stored object: 128 random bits, written as 32 lowercase hex digits. Says nothing about its content,
/// owner or order of creation.</summary>
public readonly record struct BlobId : IParsable<BlobId>
{
    public const int Size = 16;

    private readonly UInt128 _value;

    private BlobId(UInt128 value) => _value = value;

    public static BlobId New()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        return new BlobId(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public void WriteBytes(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, _value);

    public override string ToString() => _value.ToString("x32", CultureInfo.InvariantCulture);

    public static BlobId Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var id) ? id : throw new FormatException("A blob id is 32 lowercase hex digits.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out BlobId result)
    {
        result = default;
        // Exactly the form ToString writes, so one object has one name (no case or padding variants reaching the file system).
        if (s is not { Length: 32 } || !s.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        result = new BlobId(UInt128.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out BlobId result) => TryParse(s, null, out result);
}
