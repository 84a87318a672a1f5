using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Presets;
using JsTorrent.Engine.Core;

namespace JsTorrent.Engine.Tests.Core.Engine
{
    /// <summary>Several memory-preset engines on one in-process network, disposed together.</summary>
    internal sealed class SwarmHarness : IAsyncDisposable
    {
        private readonly List<Node> _nodes = new List<Node>();
        private int _seed = 17;

        public MemoryNetwork Network { get; } = new MemoryNetwork();

        public async Task<Node> AddNodeAsync(string address, Action<EngineOptions>? configure = null)
        {
            var fileSystem = new InMemoryFileSystem();
            int seed = _seed++;
            var engine = await EnginePresets.CreateMemoryEngineAsync(new MemoryEngineConfig
            {
                Network = Network,
                Address = address,
                FileSystem = fileSystem,
                Configure = options =>
                {
                    options.RandomSeed = seed;
                    options.RechokeInterval = TimeSpan.FromMilliseconds(500);
                    options.OptimisticUnchokeInterval = TimeSpan.FromSeconds(1);
                    options.TickInterval = TimeSpan.FromMilliseconds(50);
                    configure?.Invoke(options);
                },
            });
            var node = new Node(address, engine, fileSystem);
            _nodes.Add(node);
            return node;
        }

        /// <summary>Shapes what a node sends (latency, bandwidth).</summary>
        public void SetOutbound(Node node, MemoryLinkOptions options)
        {
            Assert.True(Network.TryGetHost(node.Address, out var host));
            host.Outbound = options;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in _nodes)
            {
                await node.Engine.DisposeAsync();
            }
        }

        internal sealed class Node
        {
            public Node(string address, BtEngine engine, InMemoryFileSystem fileSystem)
            {
                Address = address;
                Engine = engine;
                FileSystem = fileSystem;
            }

            public string Address { get; }

            public BtEngine Engine { get; }

            public InMemoryFileSystem FileSystem { get; }

            public int Port => Engine.ListenPort;
        }
    }
}
