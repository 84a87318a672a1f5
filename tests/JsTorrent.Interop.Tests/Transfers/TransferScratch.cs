using System;
using System.IO;

namespace JsTorrent.Interop.Tests.Transfers
{
    /// <summary>One test's temporary folder (under <see cref="Path.GetTempPath"/>), with a sub-folder per peer; deleted on <see cref="Dispose"/>.</summary>
    public sealed class TransferScratch : IDisposable
    {
        private readonly TestContent _root = new TestContent();

        /// <summary>The temporary folder.</summary>
        public string Root => _root.Root;

        /// <summary>A peer's own folder (created).</summary>
        public string Folder(string name)
        {
            string folder = Path.Combine(Root, name);
            Directory.CreateDirectory(folder);
            return folder;
        }

        /// <summary>A path for a .torrent file (not created).</summary>
        public string TorrentPath(string name) => _root.OutputPath(name + ".torrent");

        public void Dispose() => _root.Dispose();
    }
}
