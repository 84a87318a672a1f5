using System;
using System.Management.Automation;
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

        /// <summary>
        /// .torrent files to read; wildcards allowed. An argument that starts with <c>magnet:</c> is read
        /// as a magnet link, so links can be piped or passed by position (use -LiteralPath for a file named so).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
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
                if (TorrentSourceReader.IsMagnet(path))
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
            var magnet = TorrentSourceReader.FromMagnet(this, uri)?.Magnet;
            if (magnet != null)
            {
                WriteObject(TorrentInfo.FromMagnet(magnet));
            }
        }

        private void ReadFile(string file)
        {
            var metainfo = TorrentSourceReader.FromFile(this, file)?.Metainfo;
            if (metainfo != null)
            {
                WriteObject(TorrentInfo.FromMetainfo(metainfo, file));
            }
        }
    }
}
