using System.Collections.Generic;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>Assembles the bencoded .torrent of a created torrent.</summary>
    internal static class TorrentFileWriter
    {
        public static byte[] Write(TorrentSource source, TorrentLayout layout, int pieceLength, byte[] hashes, TorrentCreationOptions options)
        {
            var info = new BencodeDictionary();
            info.Set("name", source.Name);
            info.Set("piece length", pieceLength);
            info.Set("pieces", new BencodeString(hashes));
            if (source.IsSingleFile)
            {
                info.Set("length", layout.TotalSize);
            }
            else
            {
                var files = new BencodeList();
                foreach (var entry in layout.Entries)
                {
                    var file = new BencodeDictionary();
                    file.Set("length", entry.Length);
                    var path = new BencodeList();
                    foreach (string element in entry.Path)
                    {
                        path.Add(new BencodeString(element));
                    }

                    file.Set("path", path);
                    if (entry.IsPadding)
                    {
                        file.Set("attr", "p");
                    }

                    files.Add(file);
                }

                info.Set("files", files);
            }

            if (options.IsPrivate)
            {
                info.Set("private", 1);
            }

            if (!string.IsNullOrEmpty(options.Source))
            {
                info.Set("source", options.Source!);
            }

            var root = new BencodeDictionary();
            root.Set("info", info);
            AddTrackers(root, options);
            if (options.WebSeeds.Count > 0)
            {
                var seeds = new BencodeList();
                foreach (string url in options.WebSeeds)
                {
                    seeds.Add(new BencodeString(url));
                }

                root.Set("url-list", seeds);
            }

            if (!string.IsNullOrEmpty(options.Comment))
            {
                root.Set("comment", options.Comment!);
            }

            if (!string.IsNullOrEmpty(options.CreatedBy))
            {
                root.Set("created by", options.CreatedBy!);
            }

            if (options.CreationDate is { } date)
            {
                root.Set("creation date", date.ToUnixTimeSeconds());
            }

            return BencodeWriter.Encode(root);
        }

        private static void AddTrackers(BencodeDictionary root, TorrentCreationOptions options)
        {
            var tiers = new BencodeList();
            string? first = null;
            foreach (IList<string> tier in options.Trackers)
            {
                var list = new BencodeList();
                foreach (string url in tier)
                {
                    if (!string.IsNullOrWhiteSpace(url))
                    {
                        first ??= url.Trim();
                        list.Add(new BencodeString(url.Trim()));
                    }
                }

                if (list.Count > 0)
                {
                    tiers.Add(list);
                }
            }

            if (first is null)
            {
                return;
            }

            root.Set("announce", first);

            // A lone tracker needs no announce-list; several, or several tiers, do (BEP 12).
            if (tiers.Count > 1 || ((BencodeList)tiers[0]).Count > 1)
            {
                root.Set("announce-list", tiers);
            }
        }
    }
}
