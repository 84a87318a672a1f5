using System;
using System.Collections.Generic;
using JsTorrent.Engine.Core.Pieces;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Session
{
    /// <summary>
    /// <c>torrent:{infohash}:bitfield</c>: which pieces are verified, split by what a crash could do to them.
    /// <see cref="Durable"/> pieces were verified before the last content sync (fsync) finished, so their
    /// bytes are on the device; <see cref="Unsure"/> pieces were verified after it, so their bytes may still
    /// have been in the page cache. <see cref="Files"/> are the file stamps taken right after that sync.
    /// See <see cref="ResumeCheck"/> for how a restore uses them.
    /// </summary>
    internal sealed class TorrentBitfieldRecord
    {
        private const int Version = 1;

        public TorrentBitfieldRecord(Bitfield durable, Bitfield unsure, FileStamp[] files)
        {
            Durable = durable;
            Unsure = unsure;
            Files = files;
        }

        public Bitfield Durable { get; }

        public Bitfield Unsure { get; }

        /// <summary>One per file of the metadata (padding files included, as missing).</summary>
        public FileStamp[] Files { get; }

        public int PieceCount => Durable.Length;

        public static TorrentBitfieldRecord Decode(string key, ReadOnlySpan<byte> bytes)
        {
            var fields = RecordFields.Parse(key, bytes, Version);
            int pieceCount = (int)fields.Integer("pieces", 1, int.MaxValue);
            var durable = ReadBits(fields, "durable", pieceCount);
            var unsure = ReadBits(fields, "unsure", pieceCount);
            var stamps = fields.List("files");
            var files = new FileStamp[stamps.Count];
            for (int i = 0; i < files.Length; i++)
            {
                if (!(stamps[i] is BencodeList pair) || pair.Count != 2)
                {
                    throw fields.Invalid("files", "malformed");
                }

                long size = RecordFields.IntegerAt(key, pair, 0, "file stamp " + i);
                long ticks = RecordFields.IntegerAt(key, pair, 1, "file stamp " + i);
                files[i] = size < 0 ? FileStamp.Missing : new FileStamp(size, ticks);
            }

            return new TorrentBitfieldRecord(durable, unsure, files);
        }

        public byte[] Encode()
        {
            var fields = new BencodeDictionary();
            fields.Set("pieces", Durable.Length);
            fields.Set("durable", new BencodeString(ToWire(Durable)));
            fields.Set("unsure", new BencodeString(ToWire(Unsure)));
            var files = new BencodeList();
            foreach (var stamp in Files)
            {
                files.Add(new BencodeList(new BencodeValue[] { new BencodeInteger(stamp.IsMissing ? -1 : stamp.Size), new BencodeInteger(stamp.ModifiedTicks) }));
            }

            fields.Set("files", files);
            return RecordFields.Encode(Version, fields);
        }

        private static byte[] ToWire(Bitfield bits)
        {
            var bytes = new byte[bits.WireLength];
            bits.WriteWire(bytes);
            return bytes;
        }

        private static Bitfield ReadBits(RecordFields fields, string name, int pieceCount)
        {
            byte[] bytes = fields.Bytes(name);
            if (bytes.Length != ((long)pieceCount + 7) / 8 || !Bitfield.TryReadWire(bytes, pieceCount, out var bits) || bits is null)
            {
                throw fields.Invalid(name, "not a bitfield of " + pieceCount + " pieces");
            }

            return bits;
        }
    }
}
