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

        private static MetadataOutcome Feed(MetadataFetcher fetcher, object peer, int piece, long total, ReadOnlySpan<byte> data) =>
            fetcher.OnData(peer, piece, total, data, out _, out _);

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
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, a, 2, info.Length, info.AsSpan(32768)));
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, a, 0, info.Length, info.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.Complete, fetcher.OnData(b, 1, info.Length, info.AsSpan(16384, 16384), out byte[]? assembled, out _));
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
        public void ForgedMetadataFromOnePeerNamesThatPeerAndStartsOver()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            var forged = (byte[])info.Clone();
            forged[5] ^= 1;
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "liar", 0, info.Length, forged.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.HashFailed, fetcher.OnData("liar", 1, info.Length, forged.AsSpan(16384), out byte[]? none, out object? culprit));
            Assert.Null(none);
            Assert.Equal("liar", culprit);
            Assert.False(fetcher.HasSize, "a failed assembly forgets the size, which may have been the lie");
            Assert.False(fetcher.SingleSource, "the blame was placed, so pieces may come from several peers again");
            fetcher.OfferSize(info.Length);
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "honest", 0, info.Length, info.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.Complete, Feed(fetcher, "other honest", 1, info.Length, info.AsSpan(16384)));
        }

        [Fact]
        public void ForgeryAmongSeveralSendersSwitchesToOneSourceWhichThenCarriesTheBlame()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            var forged = (byte[])info.Clone();
            forged[5] ^= 1;
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "liar", 0, info.Length, forged.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.HashFailed, fetcher.OnData("honest", 1, info.Length, info.AsSpan(16384), out _, out object? unknown));
            Assert.Null(unknown);
            Assert.True(fetcher.SingleSource);

            fetcher.OfferSize(info.Length);
            Assert.True(fetcher.TryPickRequest("liar", 0, out int piece));
            Assert.Equal(0, piece);
            Assert.False(fetcher.TryPickRequest("honest", 1, out _), "one source at a time");
            Assert.Equal(MetadataOutcome.Ignored, Feed(fetcher, "honest", 1, info.Length, info.AsSpan(16384)));
            Assert.True(fetcher.TryPickRequest("liar", 2, out piece));
            Assert.Equal(1, piece);
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "liar", 0, info.Length, forged.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.HashFailed, fetcher.OnData("liar", 1, info.Length, forged.AsSpan(16384), out _, out object? culprit));
            Assert.Equal("liar", culprit);
        }

        [Fact]
        public void ASilentOrDepartedSingleSourceIsReplacedAndItsPiecesDropped()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            var forged = (byte[])info.Clone();
            forged[5] ^= 1;
            Feed(fetcher, "a", 0, info.Length, forged.AsSpan(0, 16384));
            Feed(fetcher, "b", 1, info.Length, info.AsSpan(16384));
            Assert.True(fetcher.SingleSource);
            fetcher.OfferSize(info.Length);

            Assert.True(fetcher.TryPickRequest("slow", 0, out _));
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "slow", 0, info.Length, info.AsSpan(0, 16384)));
            Assert.True(fetcher.TryPickRequest("slow", 0, out _));
            Assert.False(fetcher.TryPickRequest("next", 5_000, out _), "the source is not yet late");
            Assert.True(fetcher.TryPickRequest("next", 10_001, out int piece), "a late source loses its place");
            Assert.Equal(0, piece);
            Assert.Equal(0, fetcher.CountRequests("slow"));

            fetcher.Forget("next");
            Assert.True(fetcher.TryPickRequest("third", 10_002, out piece), "a departed source loses its place at once");
            Assert.Equal(0, piece);
            Assert.Equal(MetadataOutcome.Incomplete, Feed(fetcher, "third", 0, info.Length, info.AsSpan(0, 16384)));
            Assert.Equal(MetadataOutcome.Complete, Feed(fetcher, "third", 1, info.Length, info.AsSpan(16384)));
        }

        [Fact]
        public void PiecesOfAnotherTotalAreIgnoredAndPiecesOfTheWrongLengthAreProtocolErrors()
        {
            var (info, hash) = Info(20_000);
            var fetcher = new MetadataFetcher(hash);
            fetcher.OfferSize(info.Length);
            Assert.Equal(MetadataOutcome.Ignored, Feed(fetcher, "p", 0, info.Length + 1, info.AsSpan(0, 16384)));
            Assert.Throws<PeerProtocolException>(() => Feed(fetcher, "p", 0, info.Length, info.AsSpan(0, 100)));
            Assert.Throws<PeerProtocolException>(() => Feed(fetcher, "p", 5, info.Length, info.AsSpan(0, 100)));
            Assert.Throws<PeerProtocolException>(() => Feed(fetcher, "p", -1, info.Length, info.AsSpan(0, 100)));
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
