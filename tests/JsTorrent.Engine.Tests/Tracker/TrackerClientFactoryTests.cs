using System;
using System.Collections.Generic;
using JsTorrent.Engine.Tracker;

namespace JsTorrent.Engine.Tests.Tracker
{
    /// <summary>The default factory: a table of schemes to client makers.</summary>
    public class TrackerClientFactoryTests
    {
        [Fact]
        public void AnEmptyTableSupportsNothing()
        {
            var factory = new TrackerClientFactory(new Dictionary<string, Func<Uri, ITrackerClient>>());
            Assert.Null(factory.Create(new Uri("http://tracker.example/announce")));
            Assert.Null(factory.Create(new Uri("udp://tracker.example:6969/announce")));
            Assert.Empty(factory.Schemes);
        }

        [Fact]
        public void RegisteredSchemesGetTheirClientWhateverTheCase()
        {
            var made = new List<Uri>();
            var factory = new TrackerClientFactory(new Dictionary<string, Func<Uri, ITrackerClient>>
            {
                ["HTTP"] = url =>
                {
                    made.Add(url);
                    return new FakeTrackerClient(url);
                },
            });

            var client = factory.Create(new Uri("http://tracker.example/announce"));
            Assert.NotNull(client);
            Assert.Equal(new Uri("http://tracker.example/announce"), client!.Url);
            Assert.Single(made);
            Assert.Null(factory.Create(new Uri("https://tracker.example/announce")));
            Assert.Null(factory.Create(new Uri("udp://tracker.example:6969/announce")));
        }
    }
}
