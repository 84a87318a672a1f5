using System;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Wire;

namespace JsTorrent.Engine.Tests.Core.Metadata
{
    public class MetadataFetcherTests
    {
        private static (byte[] Info, InfoHash Hash) Info(int size)
        {
            var info = new byte[size];
            new Random(size).NextBytes(info);
            return (info, InfoHash.Compute(info));
        }

        [Fact]
        public void AssemblesPiecesFromSeveralPeersAndVerifiesTheHash()
        {
            var (info, hash) = Info(40_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            var a = new object();
            var b = new object();
            Assert.True(fetcher.TryPickRequest(a, 0, out int first));
            Assert.True(fetcher.TryPickRequest(b, 0, out int second));
            Assert.True(fetcher.TryPickRequest(a, 0, out int third));
            Assert.Equal(new[] { 0, 1, 2 }, new[] { first, second, third });
            Assert.False(fetcher.TryPickRequest(b, 0, out _), "every piece is asked for");
            Assert.Null(fetcher.OnData(2, info.Length, info.AsSpan(32768)));
            Assert.Null(fetcher.OnData(0, info.Length, info.AsSpan(0, 16384)));
            var assembled = fetcher.OnData(1, info.Length, info.AsSpan(16384, 16384));
            Assert.Equal(info, assembled);
        }

        [Fact]
        public void UnansweredRequestsAreAskedOfAnotherPeerAfterTheirTimeout()
        {
            var (info, hash) = Info(10_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            Assert.True(fetcher.TryPickRequest("slow", 0, out _));
            Assert.False(fetcher.TryPickRequest("other", 5_000, out _));
            Assert.True(fetcher.TryPickRequest("other", 10_001, out int piece));
            Assert.Equal(0, piece);
            fetcher.Forget("other");
            Assert.True(fetcher.TryPickRequest("third", 10_002, out _));
        }

        [Fact]
        public void BytesThatDoNotHashToTheInfoHashStartOver()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            var forged = (byte[])info.Clone();
            forged[5] ^= 1;
            Assert.Null(fetcher.OnData(0, info.Length, forged.AsSpan(0, 16384)));
            Assert.Null(fetcher.OnData(1, info.Length, forged.AsSpan(16384)));
            Assert.False(fetcher.HasSize, "a failed assembly forgets the size, which may have been the lie");
            fetcher.OfferSize(info.Length);
            Assert.Null(fetcher.OnData(0, info.Length, info.AsSpan(0, 16384)));
            Assert.Equal(info, fetcher.OnData(1, info.Length, info.AsSpan(16384)));
        }

        [Fact]
        public void PiecesOfTheWrongSizeOrTotalAreProtocolErrors()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            Assert.Throws<PeerProtocolException>(() => fetcher.OnData(0, info.Length + 1, info.AsSpan(0, 16384)));
            Assert.Throws<PeerProtocolException>(() => fetcher.OnData(0, info.Length, info.AsSpan(0, 100)));
            Assert.Throws<PeerProtocolException>(() => fetcher.OnData(5, info.Length, info.AsSpan(0, 100)));
        }

        [Fact]
        public void ImplausibleSizesAreIgnored()
        {
            var fetcher = new MetadataFetcher(default);
            fetcher.OfferSize(0);
            fetcher.OfferSize(MetadataMessage.MaxMetadataSize + 1L);
            Assert.False(fetcher.HasSize);
        }
    }
}
