using System;
using System.Collections.Generic;
using System.IO;
using JsTorrent.Adapters.LiteDb;
using JsTorrent.Adapters.Tests.Session;
using JsTorrent.Engine.Interfaces;

namespace JsTorrent.Adapters.Tests.LiteDb
{
    public sealed class LiteDbSessionStoreConformanceTests : SessionStoreConformanceTests
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "jst-litedb-conf-" + Guid.NewGuid().ToString("N"));
        private readonly List<LiteDbSessionStore> _stores = new List<LiteDbSessionStore>();

        protected override ISessionStore CreateStore()
        {
            var store = LiteDbSessionStore.Open(Path.Combine(_root, "store" + _stores.Count, "session.db"));
            _stores.Add(store);
            return store;
        }

        protected override void Dispose(bool disposing)
        {
            foreach (var store in _stores)
            {
                store.Dispose();
            }

            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }
}
