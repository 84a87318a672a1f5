using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Random bencode values and structural equality, for property tests.</summary>
    internal static class BencodeTestValues
    {
        public static BencodeValue Random(Random random, int depth = 0)
        {
            int kind = depth >= 4 ? random.Next(2) : random.Next(4);
            switch (kind)
            {
                case 0:
                    long[] edges = { 0, 1, -1, long.MaxValue, long.MinValue, 9, 10, -10 };
                    return new BencodeInteger(random.Next(3) == 0 ? edges[random.Next(edges.Length)] : random.NextInt64(long.MinValue, long.MaxValue));
                case 1:
                    var bytes = new byte[random.Next(3) == 0 ? 0 : random.Next(1, 40)];
                    random.NextBytes(bytes);
                    return new BencodeString(bytes);
                case 2:
                    var list = new BencodeList();
                    for (int i = random.Next(6); i > 0; i--)
                    {
                        list.Add(Random(random, depth + 1));
                    }

                    return list;
                default:
                    var dict = new BencodeDictionary();
                    for (int i = random.Next(6); i > 0; i--)
                    {
                        var key = new byte[random.Next(0, 8)];
                        random.NextBytes(key);
                        dict.Set(new BencodeString(key), Random(random, depth + 1));
                    }

                    return dict;
            }
        }

        public static bool StructurallyEqual(BencodeValue a, BencodeValue b)
        {
            switch (a)
            {
                case BencodeInteger xi:
                    return b is BencodeInteger yi && xi.Value == yi.Value;
                case BencodeString xs:
                    return b is BencodeString ys && xs.Equals(ys);
                case BencodeList xl:
                    return b is BencodeList yl && xl.Count == yl.Count && xl.Zip(yl, StructurallyEqual).All(e => e);
                case BencodeDictionary xd:
                    if (b is not BencodeDictionary d || xd.Count != d.Count)
                    {
                        return false;
                    }

                    var other = d.ToDictionary(e => Convert.ToHexString(e.Key.Span), e => e.Value);
                    return xd.All(e => other.TryGetValue(Convert.ToHexString(e.Key.Span), out var v) && StructurallyEqual(e.Value, v));
                default:
                    return false;
            }
        }
    }
}
