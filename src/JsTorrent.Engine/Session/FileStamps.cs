using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Storage;

namespace JsTorrent.Engine.Session
{
    /// <summary>Takes the size and modification time of each of a torrent's files.</summary>
    internal static class FileStamps
    {
        /// <returns>One stamp per file of the metadata; padding and absent files are <see cref="FileStamp.Missing"/>.</returns>
        public static async Task<FileStamp[]> TakeAsync(TorrentContentStorage storage, IFileSystem fileSystem, CancellationToken cancellationToken)
        {
            var files = storage.Metainfo.Files;
            var stamps = new FileStamp[files.Count];
            for (int i = 0; i < stamps.Length; i++)
            {
                stamps[i] = FileStamp.Missing;
                if (files[i].IsPadding)
                {
                    continue;
                }

                try
                {
                    var stat = await fileSystem.StatAsync(storage.GetPath(i), cancellationToken).ConfigureAwait(false);
                    if (stat.IsFile)
                    {
                        stamps[i] = new FileStamp(stat.Size, stat.LastWriteTime?.UtcTicks ?? 0);
                    }
                }
                catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
                {
                    // Absent is a stamp of its own: a file never written, or deleted since.
                }
            }

            return stamps;
        }
    }
}
