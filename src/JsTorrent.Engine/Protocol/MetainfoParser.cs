using System;
using System.Collections.Generic;
using System.Linq;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>Validates metainfo dictionaries and builds <see cref="Metainfo"/>; every failure is a <see cref="MetainfoFormatException"/>.</summary>
    internal static class MetainfoParser
    {
        /// <summary>Largest piece accepted. Real torrents use at most 16-32 MiB; above this is hostile or broken.</summary>
        public const int MaxPieceLength = 512 * 1024 * 1024;

        private const string LegacyPaddingPrefix = "_____padding_file_";

        public static Metainfo ParseTorrent(byte[] torrent)
        {
            var root = ReadDictionary(torrent, "the .torrent file");
            if (!root.TryGetValue("info", out var infoValue) || infoValue is not BencodeDictionary info)
            {
                throw new MetainfoFormatException(infoValue is null
                    ? "The .torrent has no 'info' dictionary."
                    : "The .torrent's 'info' is not a dictionary.");
            }

            var parts = ParseInfo(info, new ReadOnlySpan<byte>(torrent, info.SourceOffset, info.SourceLength).ToArray());
            parts.TorrentBytes = torrent;
            parts.Announce = GetText(root, "announce");
            parts.AnnounceTiers = ReadAnnounceTiers(root, parts.Announce);
            parts.WebSeeds = ReadWebSeeds(root);
            parts.Comment = GetText(root, "comment.utf-8") ?? GetText(root, "comment");
            parts.CreatedBy = GetText(root, "created by");
            parts.Encoding = GetText(root, "encoding");
            parts.CreationDate = ReadCreationDate(root);
            return new Metainfo(parts);
        }

        public static Metainfo ParseInfoDictionary(byte[] infoBytes, IReadOnlyList<IReadOnlyList<string>>? announceTiers)
        {
            var info = ReadDictionary(infoBytes, "the info dictionary");
            var parts = ParseInfo(info, infoBytes);
            if (announceTiers is not null)
            {
                parts.AnnounceTiers = announceTiers;
                parts.Announce = announceTiers.Count > 0 && announceTiers[0].Count > 0 ? announceTiers[0][0] : null;
            }

            return new Metainfo(parts);
        }

        private static BencodeDictionary ReadDictionary(byte[] bytes, string what)
        {
            try
            {
                var value = BencodeReader.Read(bytes);
                return value as BencodeDictionary
                    ?? throw new MetainfoFormatException("Not a torrent: " + what + " is not a bencoded dictionary.");
            }
            catch (BencodeFormatException e)
            {
                throw new MetainfoFormatException("Not a torrent: " + what + " is not valid bencode: " + e.Message, e);
            }
        }

        private static MetainfoParts ParseInfo(BencodeDictionary info, byte[] infoBytes)
        {
            var parts = new MetainfoParts { InfoBytes = infoBytes };
            long metaVersion = GetInteger(info, "meta version") ?? 1;
            bool hasV1Pieces = info.ContainsKey("pieces");
            if (metaVersion == 2 && !hasV1Pieces)
            {
                throw new MetainfoFormatException(
                    "This is a BitTorrent v2-only torrent (BEP 52); only v1 and hybrid v1/v2 torrents are supported.");
            }

            if (metaVersion != 1 && metaVersion != 2)
            {
                throw new MetainfoFormatException("Unknown 'meta version' " + metaVersion + ".");
            }

            parts.IsHybrid = metaVersion == 2;
            parts.PieceLength = ReadPieceLength(info);
            parts.IsPrivate = GetInteger(info, "private") == 1;
            parts.Source = GetText(info, "source");

            string originalName = GetText(info, "name.utf-8") ?? GetRequiredText(info, "name");
            parts.OriginalName = originalName;
            parts.Name = PathSanitizer.SanitizeElement(originalName) ?? "_";

            var entries = ReadFileEntries(info, out bool singleFile);
            parts.IsSingleFile = singleFile;
            long total = SumLengths(entries);
            parts.PieceHashes = ReadPieceHashes(info, total, parts.PieceLength);
            parts.TotalSize = total;
            parts.Files = BuildFiles(entries, parts.Name, singleFile, parts.PieceLength, parts.PieceHashes.Length / Sha1.DigestLength);
            if (parts.Files.All(f => f.IsPadding || f.Length == 0))
            {
                throw new MetainfoFormatException("The torrent has no content: every file is empty or padding.");
            }

            return parts;
        }

        private static int ReadPieceLength(BencodeDictionary info)
        {
            long? length = GetInteger(info, "piece length");
            if (length is null)
            {
                throw new MetainfoFormatException("The info dictionary has no 'piece length' integer.");
            }

            if (length <= 0 || length > MaxPieceLength)
            {
                throw new MetainfoFormatException(
                    "'piece length' " + length + " is out of range (1 to " + MaxPieceLength + " bytes).");
            }

            return (int)length.Value;
        }

        private static byte[] ReadPieceHashes(BencodeDictionary info, long total, int pieceLength)
        {
            if (info["pieces"] is not BencodeString pieces)
            {
                throw new MetainfoFormatException("'pieces' must be a byte string of SHA-1 hashes.");
            }

            if (pieces.Length % Sha1.DigestLength != 0)
            {
                throw new MetainfoFormatException("'pieces' is " + pieces.Length + " bytes, not a multiple of 20.");
            }

            long expected = (total + pieceLength - 1) / pieceLength;
            if (pieces.Length / Sha1.DigestLength != expected)
            {
                throw new MetainfoFormatException(
                    "'pieces' holds " + (pieces.Length / Sha1.DigestLength) + " hashes but " + total + " bytes in pieces of "
                    + pieceLength + " need " + expected + ".");
            }

            // The reader gave this string its own array and the dictionary is discarded: no second copy.
            return pieces.OwnedBytes;
        }

        private static List<FileEntry> ReadFileEntries(BencodeDictionary info, out bool singleFile)
        {
            var entries = new List<FileEntry>();
            bool hasLength = info.TryGetValue("length", out var lengthValue);
            bool hasFiles = info.TryGetValue("files", out var filesValue);
            if (hasLength == hasFiles)
            {
                throw new MetainfoFormatException(hasLength
                    ? "The info dictionary has both 'length' and 'files'."
                    : "The info dictionary has neither 'length' (single file) nor 'files' (multi-file).");
            }

            singleFile = hasLength;
            if (singleFile)
            {
                entries.Add(new FileEntry(ReadLength(lengthValue, "length"), new List<string>(), GetText(info, "attr") ?? string.Empty));
                return entries;
            }

            if (filesValue is not BencodeList files || files.Count == 0)
            {
                throw new MetainfoFormatException("'files' must be a non-empty list.");
            }

            for (int i = 0; i < files.Count; i++)
            {
                if (files[i] is not BencodeDictionary file)
                {
                    throw new MetainfoFormatException("files[" + i + "] is not a dictionary.");
                }

                long length = ReadLength(file["length"], "files[" + i + "].length");
                var path = ReadPath(file, i);
                entries.Add(new FileEntry(length, path, GetText(file, "attr") ?? string.Empty));
            }

            return entries;
        }

        private static List<string> ReadPath(BencodeDictionary file, int index)
        {
            // Old clients put the real UTF-8 path in 'path.utf-8' beside a legacy-encoded 'path'.
            var utf8 = file["path.utf-8"] as BencodeList;
            var list = utf8 ?? file["path"] as BencodeList;
            if (list is null || list.Count == 0)
            {
                throw new MetainfoFormatException("files[" + index + "].path must be a non-empty list of strings.");
            }

            var path = new List<string>(list.Count);
            foreach (var element in list)
            {
                if (element is not BencodeString text)
                {
                    throw new MetainfoFormatException("files[" + index + "].path holds a non-string element.");
                }

                path.Add(PathSanitizer.Decode(text.Span));
            }

            return path;
        }

        private static long ReadLength(BencodeValue? value, string key)
        {
            if (value is not BencodeInteger integer)
            {
                throw new MetainfoFormatException("'" + key + "' must be an integer.");
            }

            if (integer.Value < 0)
            {
                throw new MetainfoFormatException("'" + key + "' is negative (" + integer.Value + ").");
            }

            return integer.Value;
        }

        private static long SumLengths(List<FileEntry> entries)
        {
            long total = 0;
            foreach (var entry in entries)
            {
                if (entry.Length > long.MaxValue - total)
                {
                    throw new MetainfoFormatException("The total size of the files overflows 64 bits.");
                }

                total += entry.Length;
            }

            if (total == 0)
            {
                throw new MetainfoFormatException("The torrent has no content: every file is empty.");
            }

            return total;
        }

        private static List<MetainfoFile> BuildFiles(List<FileEntry> entries, string name, bool singleFile, int pieceLength, int pieceCount)
        {
            var safePaths = new List<List<string>>(entries.Count);
            var padding = new List<bool>(entries.Count);
            foreach (var entry in entries)
            {
                // Padding only exists between files; the one file of a single-file torrent is content, whatever its attributes.
                bool isPadding = !singleFile && (entry.Attributes.IndexOf('p') >= 0
                    || entry.Path[entry.Path.Count - 1].StartsWith(LegacyPaddingPrefix, StringComparison.Ordinal));
                padding.Add(isPadding);
                safePaths.Add(singleFile ? new List<string>() : PathSanitizer.SanitizePath(entry.Path));
            }

            if (!singleFile)
            {
                FilePathDeduplicator.Deduplicate(safePaths, padding);
            }

            var files = new List<MetainfoFile>(entries.Count);
            long offset = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                var elements = new List<string>(safePaths[i].Count + 1) { name };
                elements.AddRange(safePaths[i]);
                string original = singleFile ? name : string.Join("/", entries[i].Path);
                long length = entries[i].Length;

                // An empty file belongs to the piece at its offset; one at the very end, to the last piece.
                int first = (int)Math.Min(offset / pieceLength, pieceCount - 1);
                int last = length == 0 ? first : (int)((offset + length - 1) / pieceLength);
                files.Add(new MetainfoFile(i, elements.AsReadOnly(), original, length, offset, entries[i].Attributes, padding[i], first, last));
                offset += length;
            }

            return files;
        }

        private static IReadOnlyList<IReadOnlyList<string>> ReadAnnounceTiers(BencodeDictionary root, string? announce)
        {
            var tiers = new List<IReadOnlyList<string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (root["announce-list"] is BencodeList list)
            {
                // BEP 12: when announce-list is present it replaces announce. Bad entries are skipped:
                // a broken tracker URL must not make the whole torrent unusable.
                foreach (var tierValue in list)
                {
                    if (tierValue is not BencodeList tierList)
                    {
                        continue;
                    }

                    var tier = new List<string>();
                    foreach (var urlValue in tierList)
                    {
                        if (TryReadNewUrl(urlValue, seen, out string url))
                        {
                            tier.Add(url);
                        }
                    }

                    if (tier.Count > 0)
                    {
                        tiers.Add(tier.AsReadOnly());
                    }
                }
            }

            if (tiers.Count == 0 && !string.IsNullOrWhiteSpace(announce))
            {
                tiers.Add(new[] { announce!.Trim() });
            }

            return tiers.AsReadOnly();
        }

        private static IReadOnlyList<string> ReadWebSeeds(BencodeDictionary root)
        {
            var seeds = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var value = root["url-list"];
            var items = value is BencodeList list ? (IEnumerable<BencodeValue>)list : value is null ? Array.Empty<BencodeValue>() : new[] { value };
            foreach (var item in items)
            {
                if (TryReadNewUrl(item, seen, out string url))
                {
                    seeds.Add(url);
                }
            }

            return seeds.AsReadOnly();
        }

        private static DateTimeOffset? ReadCreationDate(BencodeDictionary root)
        {
            long? seconds = GetInteger(root, "creation date");

            // Out-of-range dates are informational garbage, not a reason to refuse the torrent.
            if (seconds is null || seconds < 0 || seconds > 253402300799L)
            {
                return null;
            }

            return DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
        }

        // A trimmed, non-empty UTF-8 URL not seen before; anything else is skipped, not fatal.
        private static bool TryReadNewUrl(BencodeValue? value, HashSet<string> seen, out string url)
        {
            url = string.Empty;
            if (value is not BencodeString text || !text.TryGetUtf8(out string? decoded))
            {
                return false;
            }

            url = decoded!.Trim();
            return url.Length > 0 && seen.Add(url);
        }

        private static long? GetInteger(BencodeDictionary dictionary, string key) =>
            dictionary[key] is BencodeInteger integer ? integer.Value : (long?)null;

        private static string? GetText(BencodeDictionary dictionary, string key) =>
            dictionary[key] is BencodeString text ? PathSanitizer.Decode(text.Span) : null;

        private static string GetRequiredText(BencodeDictionary dictionary, string key) =>
            GetText(dictionary, key) ?? throw new MetainfoFormatException("The info dictionary has no '" + key + "' string.");

        private sealed class FileEntry
        {
            public FileEntry(long length, List<string> path, string attributes)
            {
                Length = length;
                Path = path;
                Attributes = attributes;
            }

            public long Length { get; }

            public List<string> Path { get; }

            public string Attributes { get; }
        }
    }
}
