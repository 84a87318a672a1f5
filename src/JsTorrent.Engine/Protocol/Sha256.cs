using System;
using System.Security.Cryptography;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>One-shot SHA-256 into a caller's span.</summary>
    internal static class Sha256
    {
        public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
        {
#if NET8_0_OR_GREATER
            SHA256.HashData(data, digest);
#else
            using (var sha = SHA256.Create())
            {
                byte[] copy = data.ToArray();
                sha.ComputeHash(copy).AsSpan().CopyTo(digest);
            }
#endif
        }
    }
}
