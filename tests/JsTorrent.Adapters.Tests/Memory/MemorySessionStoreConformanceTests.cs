using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Tests.Session;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.Memory
{
    public sealed class MemorySessionStoreConformanceTests : SessionStoreConformanceTests
    {
        protected override ISessionStore CreateStore() => new MemorySessionStore();
    }
}
