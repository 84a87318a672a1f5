using System;
using System.Security.Cryptography;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>One-shot SHA-1 into a caller's span: allocation-free on net8.0, a pooled-free fallback on netstandard2.0.</summary>
    internal static class Sha1
    {
        public const int DigestLength = 20;

        public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
        {
#if NET8_0_OR_GREATER
            SHA1.HashData(data, digest);
#else
            using (var sha = SHA1.Create())
            {
                byte[] copy = data.ToArray();
                sha.ComputeHash(copy).AsSpan().CopyTo(digest);
            }
#endif
        }
    }
}
