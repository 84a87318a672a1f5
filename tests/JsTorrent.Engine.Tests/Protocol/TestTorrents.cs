using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Builds metainfo dictionaries by hand (to test the parser) and in-memory sources (to test the creator).</summary>
    internal static class TestTorrents
    {
        public static BencodeDictionary SingleFileInfo(string name = "file.bin", long length = 40_000, int pieceLength = 16_384)
        {
            var info = new BencodeDictionary();
            info.Set("name", name);
            info.Set("piece length", pieceLength);
            info.Set("length", length);
            info.Set("pieces", new BencodeString(new byte[20 * (int)((length + pieceLength - 1) / pieceLength)]));
            return info;
        }

        public static BencodeDictionary MultiFileInfo(string name, int pieceLength, params (string Path, long Length, string? Attr)[] files)
        {
            var info = new BencodeDictionary();
            info.Set("name", name);
            info.Set("piece length", pieceLength);
            var list = new BencodeList();
            long total = 0;
            foreach (var (path, length, attr) in files)
            {
                var file = new BencodeDictionary();
                file.Set("length", length);
                file.Set("path", new BencodeList(path.Split('|').Select(p => (BencodeValue)new BencodeString(p))));
                if (attr is not null)
                {
                    file.Set("attr", attr);
                }

                list.Add(file);
                total += length;
            }

            info.Set("files", list);
            info.Set("pieces", new BencodeString(new byte[20 * (int)((total + pieceLength - 1) / pieceLength)]));
            return info;
        }

        public static byte[] Torrent(BencodeDictionary info, Action<BencodeDictionary>? extra = null)
        {
            var root = new BencodeDictionary();
            root.Set("info", info);
            extra?.Invoke(root);
            return BencodeWriter.Encode(root);
        }

        /// <summary>Deterministic pseudo-random content.</summary>
        public static byte[] Content(int seed, int length)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        public static TorrentSourceFile MemoryFile(byte[] content, params string[] path) =>
            new TorrentSourceFile(path, content.Length, () => new MemoryStream(content, writable: false));

        /// <summary>Checks every piece hash of <paramref name="metainfo"/> against the concatenated content, computed independently.</summary>
        public static void AssertPiecesMatch(Metainfo metainfo, IReadOnlyList<byte[]> contentInTorrentOrder)
        {
            var all = new MemoryStream();
            int contentIndex = 0;
            foreach (var file in metainfo.Files)
            {
                if (file.IsPadding)
                {
                    all.Write(new byte[file.Length]);
                }
                else
                {
                    all.Write(contentInTorrentOrder[contentIndex++]);
                }
            }

            byte[] bytes = all.ToArray();
            Assert.Equal(metainfo.TotalSize, bytes.LongLength);
            for (int piece = 0; piece < metainfo.PieceCount; piece++)
            {
                int start = piece * metainfo.PieceLength;
                int size = metainfo.GetPieceSize(piece);
                Assert.Equal(SHA1.HashData(bytes.AsSpan(start, size)), metainfo.GetPieceHash(piece).ToArray());
            }
        }
    }
}
