using System;
using System.Security.Cryptography;
using System.Text;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// The 20-byte peer id a client sends in the handshake and to trackers. A value type
    /// compared by value.
    /// </summary>
    /// <remarks>
    /// <see cref="Generate"/> makes an Azureus-style id: <c>-</c>, a two-character client code,
    /// four version characters, <c>-</c>, then 12 cryptographically random bytes. The version
    /// characters are major, minor, patch and a build character that is always <c>0</c>; each is
    /// one base-36 digit (<c>0</c>-<c>9</c> for 0-9, <c>A</c>-<c>Z</c> for 10-35). So version 0.1.0
    /// of client <c>JS</c> gives the prefix <c>-JS0100-</c>, and 2.5.12 gives <c>-JS25C0-</c>.
    /// </remarks>
    public readonly struct PeerId : IEquatable<PeerId>
    {
        /// <summary>Length of a peer id in bytes.</summary>
        public const int Length = 20;

        /// <summary>Length of the Azureus-style prefix (<c>-XXvvvv-</c>).</summary>
        public const int AzureusPrefixLength = 8;

        private const string Base36Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        private readonly Bytes20 _bytes;

        /// <summary>Creates a peer id from exactly 20 bytes.</summary>
        /// <param name="bytes">The 20 id bytes.</param>
        /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
        public PeerId(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != Length)
            {
                throw new ArgumentException("A peer id is exactly 20 bytes; got " + bytes.Length + ".", nameof(bytes));
            }

            _bytes = new Bytes20(bytes);
        }

        /// <summary>True for the all-zero default value.</summary>
        public bool IsEmpty => _bytes.IsZero;

        /// <summary>The two-character client code of an Azureus-style id (for example <c>JS</c>), or null for any other id.</summary>
        public string? ClientCode => TryGetAzureusClient(out string code, out _) ? code : null;

        /// <summary>
        /// Generates a new Azureus-style id <c>-</c> + code + major + minor + patch + <c>0</c> + <c>-</c>
        /// + 12 random bytes (see the type remarks). Version 0.1.0 gives <c>-JS0100-</c>.
        /// </summary>
        /// <param name="clientCode">Exactly two ASCII letters or digits.</param>
        /// <param name="major">Major version, 0 to 35.</param>
        /// <param name="minor">Minor version, 0 to 35.</param>
        /// <param name="patch">Patch version, 0 to 35.</param>
        /// <returns>A new id; the random part comes from <see cref="RandomNumberGenerator"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="clientCode"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="clientCode"/> is not two ASCII letters or digits.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A version number is outside 0 to 35.</exception>
        public static PeerId Generate(string clientCode = "JS", int major = 0, int minor = 1, int patch = 0)
        {
            if (clientCode is null)
            {
                throw new ArgumentNullException(nameof(clientCode));
            }

            if (clientCode.Length != 2 || !IsAsciiLetterOrDigit(clientCode[0]) || !IsAsciiLetterOrDigit(clientCode[1]))
            {
                throw new ArgumentException("The client code must be exactly two ASCII letters or digits.", nameof(clientCode));
            }

            CheckVersion(major, nameof(major));
            CheckVersion(minor, nameof(minor));
            CheckVersion(patch, nameof(patch));

            var bytes = new byte[Length];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes, AzureusPrefixLength, Length - AzureusPrefixLength);
            }

            bytes[0] = (byte)'-';
            bytes[1] = (byte)clientCode[0];
            bytes[2] = (byte)clientCode[1];
            bytes[3] = (byte)Base36Digits[major];
            bytes[4] = (byte)Base36Digits[minor];
            bytes[5] = (byte)Base36Digits[patch];
            bytes[6] = (byte)'0';
            bytes[7] = (byte)'-';
            return new PeerId(bytes);
        }

        /// <summary>
        /// Reads the client of an Azureus-style id: <c>-</c>, two ASCII letters or digits, four ASCII
        /// letters or digits, <c>-</c>.
        /// </summary>
        /// <param name="code">The two-character client code, or empty.</param>
        /// <param name="version">
        /// The version: the four characters read as base-36 digits (letters in either case are
        /// 10-35) joined with dots, with a final <c>.0</c> dropped; <c>-JS0100-</c> gives <c>0.1.0</c>
        /// and <c>-AZ2504-</c> gives <c>2.5.0.4</c>. Empty on failure.
        /// </param>
        /// <returns>True when the id is Azureus style.</returns>
        public bool TryGetAzureusClient(out string code, out string version)
        {
            code = string.Empty;
            version = string.Empty;
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            if (!IsAzureus(bytes))
            {
                return false;
            }

            code = new string(new[] { (char)bytes[1], (char)bytes[2] });
            var builder = new StringBuilder(11);
            for (int i = 3; i < 7; i++)
            {
                int value = Base36Value((char)bytes[i]);
                if (i == 6 && value == 0)
                {
                    break;
                }

                if (i > 3)
                {
                    builder.Append('.');
                }

                builder.Append(value);
            }

            version = builder.ToString();
            return true;
        }

        /// <summary>Writes the 20 bytes into <paramref name="destination"/>.</summary>
        /// <param name="destination">At least 20 bytes.</param>
        /// <exception cref="ArgumentException">The destination is shorter than 20 bytes.</exception>
        public void CopyTo(Span<byte> destination)
        {
            if (destination.Length < Length)
            {
                throw new ArgumentException("The destination must hold at least 20 bytes.", nameof(destination));
            }

            _bytes.CopyTo(destination);
        }

        /// <summary>Returns a new 20-byte array.</summary>
        /// <returns>The id bytes.</returns>
        public byte[] ToArray() => _bytes.ToArray();

        /// <summary>The 40-character lower-case hexadecimal form of all 20 bytes.</summary>
        /// <returns>Lower-case hex.</returns>
        public string ToHex() => _bytes.ToHex();

        /// <summary>
        /// A printable form for logs: for an Azureus-style id, the 8-character prefix as text followed
        /// by the lower-case hex of the other 12 bytes (32 characters, e.g. <c>-JS0100-</c> + 24 hex
        /// digits); for any other id, the 40-character lower-case hex of all bytes.
        /// </summary>
        /// <returns>The printable text.</returns>
        public override string ToString()
        {
            Span<byte> bytes = stackalloc byte[Length];
            CopyTo(bytes);
            if (!IsAzureus(bytes))
            {
                return HexEncoding.Encode(bytes);
            }

            var prefix = new char[AzureusPrefixLength];
            for (int i = 0; i < AzureusPrefixLength; i++)
            {
                prefix[i] = (char)bytes[i];
            }

            return new string(prefix) + HexEncoding.Encode(bytes.Slice(AzureusPrefixLength));
        }

        /// <inheritdoc/>
        public bool Equals(PeerId other) => _bytes.Equals(other._bytes);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is PeerId other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => _bytes.GetHashCode();

        /// <summary>Value equality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when all 20 bytes are equal.</returns>
        public static bool operator ==(PeerId left, PeerId right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        /// <param name="left">First value.</param>
        /// <param name="right">Second value.</param>
        /// <returns>True when any byte differs.</returns>
        public static bool operator !=(PeerId left, PeerId right) => !left.Equals(right);

        private static bool IsAzureus(ReadOnlySpan<byte> bytes)
        {
            if (bytes[0] != '-' || bytes[7] != '-')
            {
                return false;
            }

            for (int i = 1; i < 7; i++)
            {
                if (!IsAsciiLetterOrDigit((char)bytes[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetterOrDigit(char c) =>
            (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

        private static int Base36Value(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return (c | 0x20) - 'a' + 10;
        }

        private static void CheckVersion(int value, string parameterName)
        {
            if (value < 0 || value >= Base36Digits.Length)
            {
                throw new ArgumentOutOfRangeException(parameterName, value, "A version number in an Azureus-style peer id is 0 to 35.");
            }
        }
    }
}
