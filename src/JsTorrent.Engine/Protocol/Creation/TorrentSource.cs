using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol.Creation
{
    /// <summary>What a new torrent is made of: a name and either one file or a folder of files.</summary>
    public sealed class TorrentSource
    {
        private TorrentSource(string name, bool isSingleFile, IReadOnlyList<TorrentSourceFile> files)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A torrent needs a name.", nameof(name));
            }

            Name = name;
            IsSingleFile = isSingleFile;
            Files = files;
        }

        /// <summary>The torrent's name: the file name, or the folder name.</summary>
        public string Name { get; }

        /// <summary>True for a single-file torrent.</summary>
        public bool IsSingleFile { get; }

        /// <summary>The files (order does not matter: the creator sorts them).</summary>
        public IReadOnlyList<TorrentSourceFile> Files { get; }

        /// <summary>A single-file torrent.</summary>
        /// <param name="name">The file name.</param>
        /// <param name="file">The file; its path must be empty.</param>
        /// <returns>The source.</returns>
        public static TorrentSource SingleFile(string name, TorrentSourceFile file)
        {
            if (file is null)
            {
                throw new ArgumentNullException(nameof(file));
            }

            if (file.Path.Count != 0)
            {
                throw new ArgumentException("The file of a single-file torrent has no path of its own.", nameof(file));
            }

            return new TorrentSource(name, true, new[] { file });
        }

        /// <summary>A multi-file torrent (a folder), even when the folder holds one file.</summary>
        /// <param name="name">The folder name.</param>
        /// <param name="files">The files with their paths below the folder.</param>
        /// <returns>The source.</returns>
        public static TorrentSource Folder(string name, IEnumerable<TorrentSourceFile> files)
        {
            var list = new List<TorrentSourceFile>(files ?? throw new ArgumentNullException(nameof(files)));
            foreach (var file in list)
            {
                if (file.Path.Count == 0)
                {
                    throw new ArgumentException("Every file of a folder torrent needs a path below the folder.", nameof(files));
                }

                foreach (string element in file.Path)
                {
                    // A backslash is an ordinary character in Unix names; receivers map it safely (docs/path-safety.md).
                    if (string.IsNullOrEmpty(element) || element == "." || element == ".." || element.IndexOf('/') >= 0)
                    {
                        throw new ArgumentException("Invalid path element '" + element + "' in a torrent source.", nameof(files));
                    }
                }
            }

            return new TorrentSource(name, false, list.AsReadOnly());
        }
    }
}
