using System;
using System.IO;
using System.Management.Automation;
using JsTorrent.Engine.Protocol;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads a .torrent file or a magnet link without adding it to the engine.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentInfo", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TorrentInfo))]
    public sealed class GetTorrentInfoCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UriSet = "Uri";
        private const string MagnetScheme = "magnet:";

        /// <summary>
        /// .torrent files to read; wildcards allowed. An argument that starts with <c>magnet:</c> is read
        /// as a magnet link, so links can be piped or passed by position (use -LiteralPath for a file named so).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>.torrent files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Magnet links to read.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
        [Alias("MagnetUri", "Magnet")]
        [ValidateNotNullOrEmpty]
        public string[] Uri { get; set; } = Array.Empty<string>();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == UriSet)
            {
                foreach (string uri in Uri)
                {
                    ReadMagnet(uri);
                }

                return;
            }

            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string file in PathResolver.Resolve(this, LiteralPath, literal: true))
                {
                    ReadFile(file);
                }

                return;
            }

            foreach (string path in Path)
            {
                // A magnet link is text, not a path: taken as a path it would only ever be "not found".
                if (path.StartsWith(MagnetScheme, StringComparison.OrdinalIgnoreCase))
                {
                    ReadMagnet(path);
                    continue;
                }

                foreach (string file in PathResolver.Resolve(this, new[] { path }, literal: false))
                {
                    ReadFile(file);
                }
            }
        }

        private void ReadMagnet(string uri)
        {
            try
            {
                WriteObject(TorrentInfo.FromMagnet(MagnetLink.Parse(uri)));
            }
            catch (MagnetLinkFormatException e)
            {
                WriteError(new ErrorRecord(e, "InvalidMagnetLink", ErrorCategory.InvalidData, uri));
            }
        }

        private void ReadFile(string file)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    if (Directory.Exists(file))
                    {
                        WriteError(new ErrorRecord(
                            new PSArgumentException("'" + file + "' is a folder, not a .torrent file."), "PathIsFolder", ErrorCategory.InvalidArgument, file));
                    }
                    else
                    {
                        WritePathNotFound(file, null);
                    }

                    return;
                }

                long length = info.Length;
                if (length > MaxTorrentFileBytes)
                {
                    WriteError(new ErrorRecord(
                        new InvalidDataException("'" + file + "' is " + length + " bytes; a .torrent file is at most " + MaxTorrentFileBytes + " bytes."),
                        "TorrentFileTooLarge",
                        ErrorCategory.InvalidData,
                        file));
                    return;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                // Deleted between the check above and the read.
                WritePathNotFound(file, e);
                return;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "TorrentFileUnreadable", ErrorCategory.ReadError, file));
                return;
            }

            try
            {
                WriteObject(TorrentInfo.FromMetainfo(Metainfo.Parse(bytes), file));
            }
            catch (TorrentFormatException e)
            {
                WriteError(new ErrorRecord(
                    new InvalidDataException("'" + file + "' is not a valid torrent: " + e.Message, e), "InvalidTorrentFile", ErrorCategory.InvalidData, file));
            }
        }

        private void WritePathNotFound(string file, Exception? inner)
        {
            // The same error, id and category as a -Path that matches nothing (see PathResolver).
            WriteError(new ErrorRecord(
                new ItemNotFoundException("Cannot find path '" + file + "' because it does not exist.", inner),
                "PathNotFound",
                ErrorCategory.ObjectNotFound,
                file));
        }

        // Larger than any real .torrent (a 1 TB torrent with 16 KiB pieces has 1.3 GB of hashes, but no one makes those).
        private const long MaxTorrentFileBytes = 100L * 1024 * 1024;
    }
}
