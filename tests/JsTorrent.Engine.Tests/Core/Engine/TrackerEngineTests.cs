using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Logging;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;
using JsTorrent.Engine.Tests.Tracker;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Trackers wired into whole engines: peers found through a tracker, stopped announces bounded by their deadline, private and magnet trackers.</summary>
    public class TrackerEngineTests
    {
        private const string TrackerUrl = "http://tracker.test/announce";

        private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(15);

        private static Metainfo WithTrackers(Metainfo metainfo, params string[] urls) =>
            Metainfo.FromInfoDictionary(metainfo.InfoBytes, urls.Select(u => (IReadOnlyList<string>)new[] { u }).ToList());

        private static async Task<(Metainfo Metainfo, byte[] Content)> CreatePrivateAsync(string name, int length, string tracker)
        {
            var content = new byte[length];
            new Random(length).NextBytes(content);
            var options = new TorrentCreationOptions { PieceLength = 16 * 1024, IsPrivate = true };
            options.Trackers.Add(new List<string> { tracker });
            var source = TorrentSource.SingleFile(name, new TorrentSourceFile(Array.Empty<string>(), length, () => new MemoryStream(content, writable: false)));
            return (await TorrentCreator.CreateAsync(source, options), content);
        }

        private static string MagnetFor(InfoHash infoHash, params string[] trackers) =>
            "magnet:?xt=urn:btih:" + infoHash + string.Concat(trackers.Select(t => "&tr=" + Uri.EscapeDataString(t)));

        [Fact]
        public async Task ALeecherFindsTheSeederThroughATrackerAndReportsStartedCompletedStopped()
        {
            var torrent = await TestTorrent.SingleFileAsync("tracked.bin", 300_000, 16 * 1024, seed: 61);
            var metainfo = WithTrackers(torrent.Metainfo, TrackerUrl);
            var tracker = new SwarmTracker();
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.40.1", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.40.1"));
            var leecher = await swarm.AddNodeAsync("10.0.40.2", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.40.2"));
            torrent.WriteTo(seeder.FileSystem);

            var seeding = await seeder.Engine.AddTorrentAsync(metainfo);
            await EngineWait.UntilAsync(() => tracker.EventsFrom(seeder.Address).Contains(AnnounceEvent.Started), "the seeder announced");
            var downloading = await leecher.Engine.AddTorrentAsync(metainfo);
            await EngineWait.UntilAsync(() => downloading.State == TorrentState.Seeding, "the leecher, told of the seeder by the tracker, has every piece");
            torrent.AssertContentIn(leecher.FileSystem);
            await EngineWait.UntilAsync(() => tracker.EventsFrom(leecher.Address).Contains(AnnounceEvent.Completed), "the leecher announced completed");

            await downloading.StopAsync().WaitAsync(Bounded);
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Completed, AnnounceEvent.Stopped }, tracker.EventsFrom(leecher.Address));
            var leecherAnnounces = tracker.From(leecher.Address);
            Assert.All(leecherAnnounces, r =>
            {
                Assert.Equal(metainfo.InfoHash, r.InfoHash);
                Assert.Equal(leecher.Engine.PeerId, r.PeerId);
                Assert.Equal(leecher.Port, r.Port);
            });
            Assert.Equal(300_000, leecherAnnounces[0].Left);
            Assert.Equal(50, leecherAnnounces[0].NumWant);
            Assert.Equal(0, leecherAnnounces[1].Left);
            Assert.True(leecherAnnounces[2].Downloaded >= 300_000);
            Assert.Equal(0, leecherAnnounces[2].NumWant);
            Assert.NotEqual(tracker.From(seeder.Address)[0].Key, leecherAnnounces[0].Key);

            var seederStarted = tracker.From(seeder.Address)[0];
            Assert.Equal(AnnounceEvent.Started, seederStarted.Event);
            Assert.Equal(0, seederStarted.Left);

            var status = Assert.Single(await downloading.GetTrackersAsync());
            Assert.Equal(TrackerUrl, status.Url);
            Assert.Equal(TrackerState.Working, status.State);
            Assert.Equal(1, status.PeersReceived);
            Assert.NotNull(status.LastAnnounce);
            Assert.Null(status.NextAnnounce);
            Assert.True(seeding.BytesUploaded >= 300_000);
        }

        [Fact]
        public async Task StoppingATorrentWhoseTrackerHangsEndsAtTheStoppedDeadline()
        {
            var torrent = await TestTorrent.SingleFileAsync("hang.bin", 50_000, 16 * 1024, seed: 62);
            var factory = new FakeTrackerClientFactory();
            factory.Configure = client => client.HangOn(AnnounceEvent.Stopped);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.41.1", o =>
            {
                o.TrackerClientFactory = factory;
                o.Trackers.StoppedAnnounceDeadline = TimeSpan.FromMilliseconds(300);
            });

            var added = await node.Engine.AddTorrentAsync(WithTrackers(torrent.Metainfo, "http://hang.test/announce"));
            await EngineWait.UntilAsync(async () => (await added.GetTrackersAsync()).Single().State == TrackerState.Working, "the tracker answered started");
            await added.StopAsync().WaitAsync(Bounded);

            var client = factory["http://hang.test/announce"];
            Assert.Equal(TorrentState.Stopped, added.State);
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, client.Events);
            Assert.Equal(1, client.Cancellations);
        }

        [Fact]
        public async Task DisposingTheEngineSendsStoppedForEveryTorrentInParallelWithinOneDeadline()
        {
            const int Torrents = 3;
            int stoppedBegun = 0;
            int begunAtFirstCancellation = -1;
            var factory = new FakeTrackerClientFactory();
            factory.Configure = client => client.OnAnnounce = async (request, token) =>
            {
                if (request.Event != AnnounceEvent.Stopped)
                {
                    return FakeTrackerClient.Response(TimeSpan.FromMinutes(30));
                }

                Interlocked.Increment(ref stoppedBegun);
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (token.Register(() => cancelled.TrySetResult(true)))
                {
                    await cancelled.Task;
                }

                Interlocked.CompareExchange(ref begunAtFirstCancellation, Volatile.Read(ref stoppedBegun), -1);
                throw new OperationCanceledException(token);
            };

            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.42.1", o =>
            {
                o.TrackerClientFactory = factory;
                o.Trackers.StoppedAnnounceDeadline = TimeSpan.FromSeconds(1);
            });
            for (int i = 0; i < Torrents; i++)
            {
                var torrent = await TestTorrent.SingleFileAsync("dispose" + i + ".bin", 20_000, 16 * 1024, seed: 70 + i);
                var added = await node.Engine.AddTorrentAsync(WithTrackers(torrent.Metainfo, "http://dead" + i + ".test/announce"));
                await EngineWait.UntilAsync(async () => (await added.GetTrackersAsync()).Single().State == TrackerState.Working, "tracker " + i + " answered started");
            }

            await node.Engine.DisposeAsync().AsTask().WaitAsync(Bounded);

            Assert.Equal(Torrents, Volatile.Read(ref stoppedBegun));
            Assert.Equal(Torrents, Volatile.Read(ref begunAtFirstCancellation));
            for (int i = 0; i < Torrents; i++)
            {
                Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, factory["http://dead" + i + ".test/announce"].Events);
            }
        }

        [Fact]
        public async Task ARemovalStillSendingStoppedWhenTheEngineIsDisposedCompletesAndIsWaitedFor()
        {
            var torrent = await TestTorrent.SingleFileAsync("removed.bin", 20_000, 16 * 1024, seed: 66);
            var factory = new FakeTrackerClientFactory();
            factory.Configure = client => client.HangOn(AnnounceEvent.Stopped);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.47.1", o =>
            {
                o.TrackerClientFactory = factory;
                o.Trackers.StoppedAnnounceDeadline = TimeSpan.FromSeconds(1);
            });
            var added = await node.Engine.AddTorrentAsync(WithTrackers(torrent.Metainfo, "http://slow.test/announce"));
            await EngineWait.UntilAsync(async () => (await added.GetTrackersAsync()).Single().State == TrackerState.Working, "the tracker answered started");

            // The removal waits for its stopped announce (up to the deadline); the disposal comes meanwhile.
            var removal = node.Engine.RemoveTorrentAsync(added);
            await node.Engine.DisposeAsync().AsTask().WaitAsync(Bounded);

            Assert.True(removal.IsCompleted, "the disposal waited for the removal in progress");
            await removal.WaitAsync(Bounded);
            Assert.Equal(new[] { AnnounceEvent.Started, AnnounceEvent.Stopped }, factory["http://slow.test/announce"].Events);
            Assert.Equal(1, factory["http://slow.test/announce"].Cancellations);
        }

        [Fact]
        public async Task AnUnknownSchemeIsUnsupportedAndLoggedOnceAndAnUnreachableTrackerIsAnError()
        {
            const string WebSocketTracker = "wss://tracker.test/announce";
            const string NobodyListens = "http://10.0.43.99/announce";
            var torrent = await TestTorrent.SingleFileAsync("plain.bin", 20_000, 16 * 1024, seed: 63);
            await using var swarm = new SwarmHarness();
            var node = await swarm.AddNodeAsync("10.0.43.1");
            swarm.Network.CreateHost("10.0.43.99");
            var added = await node.Engine.AddTorrentAsync(WithTrackers(torrent.Metainfo, WebSocketTracker, NobodyListens));
            await EngineWait.UntilAsync(() => added.State == TorrentState.Downloading, "the torrent runs");
            await added.AnnounceNowAsync();

            IReadOnlyList<TrackerStatus> statuses = Array.Empty<TrackerStatus>();
            await EngineWait.UntilAsync(
                async () => (statuses = await added.GetTrackersAsync()).Any(s => s.Url == NobodyListens && s.State == TrackerState.Error),
                "the unreachable tracker's announce fails");
            Assert.Equal(TrackerState.Unsupported, statuses.Single(s => s.Url == WebSocketTracker).State);
            Assert.Contains(NobodyListens, statuses.Single(s => s.Url == NobodyListens).LastError);
            var entries = node.Engine.Log.Buffer.GetEntries(new LogFilter { Component = LogComponents.Tracker, InstanceValue = added.InfoHash.ToString() });
            Assert.Single(entries, e => e.Message.Contains(WebSocketTracker));
        }

        [Fact]
        public async Task PeersFindEachOtherThroughARealHttpTrackerOnTheMemoryNetwork()
        {
            var torrent = await TestTorrent.SingleFileAsync("http-tracked.bin", 300_000, 16 * 1024, seed: 65);
            await using var swarm = new SwarmHarness();
            await using var tracker = await MemoryHttpTracker.StartAsync(swarm.Network, "10.0.46.9");
            var metainfo = WithTrackers(torrent.Metainfo, tracker.Url);
            var seeder = await swarm.AddNodeAsync("10.0.46.1");
            var leecher = await swarm.AddNodeAsync("10.0.46.2");
            torrent.WriteTo(seeder.FileSystem);
            var seeding = await seeder.Engine.AddTorrentAsync(metainfo);
            await EngineWait.UntilAsync(() => tracker.Events.Contains((seeder.Address, "started")), "the seeder announced itself");

            var download = await leecher.Engine.AddTorrentAsync(metainfo);
            await EngineWait.UntilAsync(() => download.State == TorrentState.Seeding, "the leecher finds the seeder through the tracker and completes");
            torrent.AssertContentIn(leecher.FileSystem);
            await EngineWait.UntilAsync(() => tracker.Events.Contains((leecher.Address, "completed")), "the leecher reports completion");

            TrackerStatus? status = null;
            await EngineWait.UntilAsync(
                async () => (status = (await download.GetTrackersAsync()).Single()).State == TrackerState.Working,
                "the completed announce has its answer");
            Assert.Equal(1, status!.PeersReceived);
            await download.StopAsync();
            Assert.Contains((leecher.Address, "stopped"), tracker.Events);
        }

        [Fact]
        public async Task AMagnetsTrackersFindPeersAndStayAlongsideTheUsersOnceMetadataArrives()
        {
            var torrent = await TestTorrent.SingleFileAsync("magnet-tracked.bin", 100_000, 16 * 1024, seed: 64);
            var tracker = new SwarmTracker();
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.44.1", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.44.1"));
            var leecher = await swarm.AddNodeAsync("10.0.44.2", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.44.2"));
            torrent.WriteTo(seeder.FileSystem);
            await seeder.Engine.AddTorrentAsync(WithTrackers(torrent.Metainfo, TrackerUrl));
            await EngineWait.UntilAsync(() => tracker.EventsFrom(seeder.Address).Contains(AnnounceEvent.Started), "the seeder announced");

            var magnet = await leecher.Engine.AddTorrentAsync(MagnetLink.Parse(MagnetFor(torrent.Metainfo.InfoHash, TrackerUrl)), new AddTorrentOptions { Stopped = true });
            await magnet.AddTrackerAsync("http://extra.test/announce");
            await magnet.StartAsync();
            await EngineWait.UntilAsync(() => magnet.State == TorrentState.Seeding, "metadata and pieces arrive from the seeder the tracker named");

            var started = tracker.Announces.First(a => a.Address == leecher.Address);
            Assert.Equal(-1, started.Request.Left);
            var urls = (await magnet.GetTrackersAsync()).Select(s => s.Url).OrderBy(u => u, StringComparer.Ordinal);
            Assert.Equal(new[] { "http://extra.test/announce", TrackerUrl }, urls);
            torrent.AssertContentIn(leecher.FileSystem);
        }

        [Fact]
        public async Task APrivateTorrentUsesOnlyTheTrackersOfItsMetadata()
        {
            var (metainfo, content) = await CreatePrivateAsync("private.bin", 60_000, TrackerUrl);
            Assert.True(metainfo.IsPrivate);
            var tracker = new SwarmTracker();
            await using var swarm = new SwarmHarness();
            var seeder = await swarm.AddNodeAsync("10.0.45.1", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.45.1"));
            var leecher = await swarm.AddNodeAsync("10.0.45.2", o => o.TrackerClientFactory = tracker.FactoryFor("10.0.45.2"));
            seeder.FileSystem.WriteAllBytes("private.bin", content);
            var seeding = await seeder.Engine.AddTorrentAsync(metainfo);
            await Assert.ThrowsAsync<InvalidOperationException>(() => seeding.AddTrackerAsync("http://public.test/announce"));
            await EngineWait.UntilAsync(() => tracker.EventsFrom(seeder.Address).Contains(AnnounceEvent.Started), "the seeder announced");

            // Added before the metadata says it is private: the user's extra tracker goes once it does.
            var magnet = await leecher.Engine.AddTorrentAsync(MagnetLink.Parse(MagnetFor(metainfo.InfoHash, TrackerUrl)), new AddTorrentOptions { Stopped = true });
            await magnet.AddTrackerAsync("http://public.test/announce");
            Assert.Equal(2, (await magnet.GetTrackersAsync()).Count);
            await magnet.StartAsync();
            await EngineWait.UntilAsync(() => magnet.State == TorrentState.Seeding, "the private torrent downloads through its tracker");

            Assert.True(magnet.Metainfo!.IsPrivate);
            Assert.Equal(new[] { TrackerUrl }, (await magnet.GetTrackersAsync()).Select(s => s.Url));
            Assert.Equal(new[] { TrackerUrl }, (await seeding.GetTrackersAsync()).Select(s => s.Url));
            await Assert.ThrowsAsync<InvalidOperationException>(() => magnet.AddTrackerAsync("http://public.test/announce"));
            Assert.Equal(content, leecher.FileSystem.ReadAllBytes("private.bin"));
        }
    }
}
