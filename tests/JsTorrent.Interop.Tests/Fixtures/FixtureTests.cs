using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using JsTorrent.Engine.Protocol;
using JsTorrent.Interop.Tests.Transfers;

namespace JsTorrent.Interop.Tests.Fixtures
{
    /// <summary>The fixtures themselves: they start, report, and leave no process or port behind.</summary>
    [Collection(TransferCollection.Name)]
    public sealed class FixtureTests : IDisposable
    {
        private readonly TransferScratch _scratch = new TransferScratch();

        public void Dispose() => _scratch.Dispose();

        [Fact]
        public async Task ALibtorrentPeerStopsWhenItsStdinClosesAndIsGoneAfterDispose()
        {
            string save = _scratch.Folder("seed");
            string content = TransferContent.Write(save, folder: false, 64 * 1024);
            string torrentPath = _scratch.TorrentPath("t");
            Libtorrent.Create(content, torrentPath, 64 * 1024, Libtorrent.Layout.Plain);

            var peer = await LibtorrentPeer.StartAsync("libtorrent seeder", new LibtorrentPeerOptions { TorrentPath = torrentPath, SavePath = save }, TransferTimeouts.Start);
            int pid = peer.ProcessId;
            try
            {
                Assert.InRange(peer.Port, 1, 65535);
                var finished = await peer.WaitForFinishedAsync(TransferTimeouts.Check);
                Assert.Equal(1.0, finished.Progress);
            }
            finally
            {
                await peer.DisposeAsync();
            }

            var last = peer.Events.Last();
            Assert.Equal("exit", last.Event);
            Assert.Equal("stdin closed", last.Reason);
            Assert.False(IsRunning(pid), "Process " + pid + " still runs after dispose.");
        }

        [Fact]
        public async Task OpentrackerRunsOnFreePortsAndIsGoneAfterDispose()
        {
            var listed = InfoHash.Parse(new string('1', 40));
            var first = await Opentracker.StartAsync(new[] { listed }, TransferTimeouts.Start);
            int tcpPort;
            int pid;
            try
            {
                await using var second = await Opentracker.StartAsync(new[] { listed }, TransferTimeouts.Start);
                Assert.NotEqual(first.TcpPort, second.TcpPort);
                Assert.NotEqual(first.UdpPort, second.UdpPort);
                Assert.Equal("http://127.0.0.1:" + first.TcpPort + "/announce", first.HttpAnnounceUrl);
                Assert.Equal("udp://127.0.0.1:" + first.UdpPort + "/announce", first.UdpAnnounceUrl);

                var counts = await first.ScrapeAsync(listed);
                Assert.Equal(0, counts.Seeders);
                Assert.Equal(0, counts.Leechers);
                tcpPort = first.TcpPort;
                pid = first.ProcessId;
            }
            finally
            {
                await first.DisposeAsync();
            }

            Assert.False(IsRunning(pid), "opentracker (" + pid + ") still runs after dispose.");
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", tcpPort));
        }

        private static bool IsRunning(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                // No such process: it is gone.
                return false;
            }
        }
    }
}
