using System;
using System.Text;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Tracker;
using JsTorrent.Engine.Tracker.Http;

namespace JsTorrent.Engine.Tests.Tracker.Http
{
    /// <summary>A memory network with a client host and a tracker host named "tracker.test".</summary>
    public abstract class HttpTrackerTesting
    {
        /// <summary>An info-hash whose bytes need every kind of escaping: controls, space, '%', '/', '?', '&amp;', high bytes, and unreserved ones that must stay.</summary>
        internal static readonly byte[] AwkwardHash =
        {
            0x00, 0x01, 0x20, 0x25, 0x2D, 0x2E, 0x2F, 0x30, 0x41, 0x5A, 0x5F, 0x61, 0x7A, 0x7E, 0x7F, 0x80, 0xFE, 0xFF, 0x3F, 0x26,
        };

        internal const string AwkwardHashEscaped = "%00%01%20%25-.%2F0AZ_az~%7F%80%FE%FF%3F%26";

        internal static readonly PeerId OurPeerId = new PeerId(Encoding.ASCII.GetBytes("-JS0100-abcdefghijkl"));

        internal static readonly TimeSpan Timeout = ScriptedHttpServer.Timeout;

        private protected HttpTrackerTesting()
        {
            Network = new MemoryNetwork();
            Client = Network.CreateHost("10.0.0.1");
            TrackerHost = Network.CreateHost("tracker.test");
        }

        internal MemoryNetwork Network { get; }

        internal MemorySocketFactory Client { get; }

        internal MemorySocketFactory TrackerHost { get; }

        internal TrackerOptions Options { get; } = new TrackerOptions();

        internal HttpTrackerClient CreateClient(string url) => new HttpTrackerClient(new Uri(url), Client, Options, "JsTorrent 0.1");

        internal static AnnounceRequest Request(AnnounceEvent announceEvent = AnnounceEvent.Started)
            => new AnnounceRequest(new InfoHash(AwkwardHash), OurPeerId, 6881)
            {
                Uploaded = 1000,
                Downloaded = 2000,
                Left = 3000,
                Event = announceEvent,
                NumWant = 50,
                Key = 0xBEEF,
            };

        internal Task<ScriptedHttpServer> TrackerAsync(int port = 80) => ScriptedHttpServer.StartAsync(TrackerHost, port);

        internal static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(Timeout);

        internal static async Task<TrackerException> FailsAsync(Task task, TrackerErrorKind kind)
        {
            var error = await Assert.ThrowsAsync<TrackerException>(() => task.WaitAsync(Timeout));
            Assert.True(kind == error.Kind, "Expected " + kind + " but got " + error.Kind + ": " + error.Message);
            return error;
        }
    }
}
