using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using JsTorrent.Adapters.Native;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Interop.Tests
{
    /// <summary>
    /// (d) Our creator and mktorrent, given the same content and the same info-dictionary
    /// options, must write byte-identical info dictionaries, hence the same info-hash. This
    /// holds only if our file order is mktorrent's (whole '/'-joined path, byte order), our
    /// bencode is canonical and our piece hashing matches.
    /// </summary>
    public sealed class CreatorMatchesMktorrentTests : IDisposable
    {
        private readonly TestContent _content = new TestContent();

        public void Dispose() => _content.Dispose();

        [Theory]
        [InlineData(true, 15, false, null)]
        [InlineData(true, 16, false, null)]
        [InlineData(true, 18, false, null)]
        [InlineData(true, 20, false, null)]
        [InlineData(false, 15, false, null)]
        [InlineData(false, 20, false, null)]
        [InlineData(true, 16, true, "TRACKER-TAG")]
        [InlineData(false, 18, true, "ünï source")]
        public async Task SameInfoHashAsMktorrent(bool folder, int exponent, bool isPrivate, string? source)
        {
            string target = _content.Create(folder);
            string output = _content.OutputPath("mktorrent.torrent");
            var theirs = Metainfo.Parse(Mktorrent.Create(
                target, output, new Mktorrent.Options { PieceLengthExponent = exponent, IsPrivate = isPrivate, Source = source }));

            var options = new TorrentCreationOptions { PieceLength = 1 << exponent, IsPrivate = isPrivate, Source = source };
            var ours = await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(target), options);

            // Compared from the most to the least telling difference, so a failure says why.
            Assert.Equal(
                theirs.Files.Select(f => f.RelativePath + " " + f.Length),
                ours.Files.Select(f => f.RelativePath + " " + f.Length));
            Assert.Equal(theirs.PieceCount, ours.PieceCount);
            for (int i = 0; i < theirs.PieceCount; i++)
            {
                Assert.True(theirs.GetPieceHash(i).SequenceEqual(ours.GetPieceHash(i)), "Piece " + i + " hashes differently.");
            }

            Assert.Equal(theirs.InfoBytes, ours.InfoBytes);
            Assert.Equal(theirs.InfoHash, ours.InfoHash);
        }
    }
}
