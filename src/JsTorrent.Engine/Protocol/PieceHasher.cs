using System;
using System.Security.Cryptography;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>
    /// SHA-1 of piece data for one thread. Not thread-safe: each hashing worker
    /// owns one. On net8.0 it hashes spans with no allocation; on
    /// netstandard2.0 it reuses one <see cref="SHA1"/> instance.
    /// </summary>
    internal sealed class PieceHasher : IDisposable
    {
#if !NET8_0_OR_GREATER
        private readonly SHA1 _sha1 = SHA1.Create();
#endif

        public void Hash(byte[] buffer, int offset, int count, Span<byte> digest)
        {
#if NET8_0_OR_GREATER
            SHA1.HashData(new ReadOnlySpan<byte>(buffer, offset, count), digest);
#else
            _sha1.ComputeHash(buffer, offset, count).AsSpan().CopyTo(digest);
#endif
        }

        public void Dispose()
        {
#if !NET8_0_OR_GREATER
            _sha1.Dispose();
#endif
        }
    }
}
