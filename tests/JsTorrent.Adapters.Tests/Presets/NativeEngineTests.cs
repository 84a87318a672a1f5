using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Native;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;
using JsTorrent.Engine.Interfaces;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Creation;

namespace JsTorrent.Adapters.Tests.Presets
{
    /// <summary>Two native-preset engines on 127.0.0.1 with real files in temporary folders.</summary>
    public sealed class NativeEngineTests : IDisposable
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
        private readonly string _root = Path.Combine(Path.GetTempPath(), "jst-native-" + Guid.NewGuid().ToString("N"));

        public NativeEngineTests()
        {
            Directory.CreateDirectory(Path.Combine(_root, "seeder"));
            Directory.CreateDirectory(Path.Combine(_root, "leecher"));
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public async Task SeederAndLeecherMoveAMultiFileTorrentOverLoopbackAndRealFiles()
        {
            var metainfo = await CreateContentAsync();
            await using var seeder = await StartAsync("seeder");
            await using var leecher = await StartAsync("leecher");
            var seeding = await seeder.AddTorrentAsync(metainfo);
            await UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder has checked its files");

            var download = await leecher.AddTorrentAsync(metainfo);
            await download.AddPeerAsync("127.0.0.1", seeder.ListenPort);
            await UntilAsync(() => download.State == TorrentState.Seeding, "the leecher has every piece");
            AssertSameContent();
        }

        [Fact]
        public async Task MagnetOverLoopbackFetchesMetadataThenContent()
        {
            var metainfo = await CreateContentAsync();
            await using var seeder = await StartAsync("seeder");
            await using var leecher = await StartAsync("leecher");
            var seeding = await seeder.AddTorrentAsync(metainfo);
            await UntilAsync(() => seeding.State == TorrentState.Seeding, "the seeder has checked its files");

            var magnet = MagnetLink.Parse("magnet:?xt=urn:btih:" + metainfo.InfoHash + "&x.pe=127.0.0.1:" + seeder.ListenPort);
            var download = await leecher.AddTorrentAsync(magnet);
            await UntilAsync(() => download.State == TorrentState.Seeding, "metadata and content arrive");
            AssertSameContent();
        }

        [Fact]
        public async Task ATakenPortIsReportedOrAvoidedAsConfigured()
        {
            var sockets = new NativeSocketFactory(new NativeSocketOptions { BindAddress = IPAddress.Loopback });
            await using var squatter = await sockets.CreateTcpServerAsync(0);
            var config = new NativeEngineConfig
            {
                DownloadPath = Path.Combine(_root, "seeder"),
                ListenPort = squatter.Port,
                SocketOptions = new NativeSocketOptions { BindAddress = IPAddress.Loopback },
            };

            var error = await Assert.ThrowsAsync<NetworkException>(() => EnginePresets.CreateNativeEngineAsync(config));
            Assert.Equal(NetworkErrorKind.AddressInUse, error.Kind);
            Assert.Contains(squatter.Port.ToString(), error.Message);

            config.FallBackToFreePort = true;
            await using var engine = await EnginePresets.CreateNativeEngineAsync(config);
            Assert.NotEqual(squatter.Port, engine.ListenPort);
            Assert.NotEqual(0, engine.ListenPort);
        }

        [Fact]
        public async Task FallingBackToAnotherPortKeepsTheSessionStoreTheEngineIsToClose()
        {
            var sockets = new NativeSocketFactory(new NativeSocketOptions { BindAddress = IPAddress.Loopback });
            await using var squatter = await sockets.CreateTcpServerAsync(0);
            string sessionPath = Path.Combine(_root, "session.db");
            var store = LiteDbSessionStore.Open(sessionPath);
            var config = new NativeEngineConfig
            {
                DownloadPath = Path.Combine(_root, "seeder"),
                ListenPort = squatter.Port,
                FallBackToFreePort = true,
                SessionStore = store,
                SocketOptions = new NativeSocketOptions { BindAddress = IPAddress.Loopback },
                Configure = o => o.DisposeSessionStore = true,
            };

            await using (var engine = await EnginePresets.CreateNativeEngineAsync(config))
            {
                Assert.NotEqual(squatter.Port, engine.ListenPort);
                await store.SetAsync("still-open", new byte[] { 1 });
            }

            // The engine that started closed the store: the file opens again, with what was written.
            using var reopened = LiteDbSessionStore.Open(sessionPath);
            Assert.Equal(new byte[] { 1 }, await reopened.GetAsync("still-open"));
        }

        private static async Task UntilAsync(Func<bool> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > Timeout)
                {
                    throw new TimeoutException("Timed out waiting until " + what + ".");
                }

                await Task.Delay(10);
            }
        }

        private Task<BtEngine> StartAsync(string folder) => EnginePresets.CreateNativeEngineAsync(new NativeEngineConfig
        {
            DownloadPath = Path.Combine(_root, folder),
            SocketOptions = new NativeSocketOptions { BindAddress = IPAddress.Loopback },
            Configure = o => o.RandomSeed = 5,
        });

        private async Task<Metainfo> CreateContentAsync()
        {
            string content = Path.Combine(_root, "seeder", "Album Ünïcode #1");
            Directory.CreateDirectory(Path.Combine(content, "disc 1"));
            var random = new Random(7);
            foreach (var (name, length) in new[] { ("cover.jpg", 70_001), ("disc 1/01 intro #2.flac", 3 * 1024 * 1024 + 5), ("empty.txt", 0) })
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                await File.WriteAllBytesAsync(Path.Combine(content, name), bytes);
            }

            return await TorrentCreator.CreateAsync(NativeTorrentSource.FromPath(content), new TorrentCreationOptions { PieceLength = 64 * 1024 });
        }

        private void AssertSameContent()
        {
            string expected = Path.Combine(_root, "seeder", "Album Ünïcode #1");
            string actual = Path.Combine(_root, "leecher", "Album Ünïcode #1");
            foreach (string file in Directory.GetFiles(expected, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(expected, file);
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(actual, relative)));
            }
        }
    }
}
