using System.Management.Automation;
using JsTorrent.PowerShell.Internal;

namespace JsTorrent.PowerShell.Commands.Torrents
{
    /// <summary>
    /// <para type="synopsis">Gets the peers connected to torrents: address, client, direction, progress and rates.</para>
    /// <para type="description">Every torrent's peers when no torrent is named. Each object is a snapshot taken when read.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TorrentPeer", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(TorrentPeer))]
    public sealed class GetTorrentPeerCommand : TorrentQueryCmdlet
    {
        /// <inheritdoc/>
        protected override void ProcessTorrent(Torrent torrent)
        {
            if (TorrentOperation.Try(this, torrent, "TorrentPeersUnavailable", ErrorCategory.ReadError, () => Await(torrent.Engine.GetPeersAsync()), out var peers))
            {
                foreach (var peer in peers)
                {
                    WriteObject(new TorrentPeer(torrent, peer));
                }
            }
        }
    }
}
