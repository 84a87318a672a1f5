using System;
using System.IO;
using System.Management.Automation;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.PowerShell.Internal
{
    /// <summary>Reads what Add-Torrent adds (.torrent files, downloaded bytes, magnet links), writing one error per bad source.</summary>
    internal static class TorrentSourceReader
    {
        /// <summary>Larger than any real .torrent file.</summary>
        public const long MaxTorrentFileBytes = 100L * 1024 * 1024;

        private const string MagnetScheme = "magnet:";

        /// <summary>True when the text is a magnet link rather than a path or URL.</summary>
        public static bool IsMagnet(string text) => text.StartsWith(MagnetScheme, StringComparison.OrdinalIgnoreCase);

        public static TorrentToAdd? FromMagnet(Cmdlet cmdlet, string uri)
        {
            try
            {
                return new TorrentToAdd(MagnetLink.Parse(uri), uri);
            }
            catch (MagnetLinkFormatException e)
            {
                cmdlet.WriteError(new ErrorRecord(e, "InvalidMagnetLink", ErrorCategory.InvalidData, uri));
                return null;
            }
        }

        /// <summary>The torrent of a .torrent file, or null after writing why it cannot be read.</summary>
        public static TorrentToAdd? FromFile(Cmdlet cmdlet, string file)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    cmdlet.WriteError(Directory.Exists(file)
                        ? new ErrorRecord(new PSArgumentException("'" + file + "' is a folder, not a .torrent file."), "PathIsFolder", ErrorCategory.InvalidArgument, file)
                        : PathNotFound(file, null));
                    return null;
                }

                if (info.Length > MaxTorrentFileBytes)
                {
                    cmdlet.WriteError(new ErrorRecord(
                        new InvalidDataException("'" + file + "' is " + info.Length + " bytes; a .torrent file is at most " + MaxTorrentFileBytes + " bytes."),
                        "TorrentFileTooLarge",
                        ErrorCategory.InvalidData,
                        file));
                    return null;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                // Deleted between the check and the read.
                cmdlet.WriteError(PathNotFound(file, e));
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.WriteError(new ErrorRecord(e, "TorrentFileUnreadable", ErrorCategory.ReadError, file));
                return null;
            }

            return FromBytes(cmdlet, bytes, file);
        }

        /// <summary>The torrent of a .torrent file's bytes, or null after writing an InvalidTorrentFile error.</summary>
        public static TorrentToAdd? FromBytes(Cmdlet cmdlet, byte[] bytes, string origin)
        {
            try
            {
                return new TorrentToAdd(Metainfo.Parse(bytes), origin);
            }
            catch (TorrentFormatException e)
            {
                cmdlet.WriteError(new ErrorRecord(
                    new InvalidDataException("'" + origin + "' is not a valid torrent: " + e.Message, e), "InvalidTorrentFile", ErrorCategory.InvalidData, origin));
                return null;
            }
        }

        private static ErrorRecord PathNotFound(string file, Exception? inner) =>
            new ErrorRecord(new ItemNotFoundException("Cannot find path '" + file + "' because it does not exist.", inner), "PathNotFound", ErrorCategory.ObjectNotFound, file);
    }
}
