using System;
using JsTorrent.Adapters.Memory;
using JsTorrent.Adapters.Native;

namespace JsTorrent.Adapters.Tests.Memory
{
    public class MemoryStorageRootsTests
    {
        [Fact]
        public void TokenIsTheHashOfTheVirtualPath()
        {
            var root = MemoryStorageRoots.Create("downloads");
            Assert.Equal("memory:/downloads", root.Path);
            Assert.Equal("downloads", root.Label);
            Assert.Equal(NativeStorageRoots.TokenFor("memory:/downloads"), root.Token);
            Assert.Matches("^[0-9a-f]{16}$", root.Token);
        }

        [Fact]
        public void NamesAreTrimmedAndCaseSensitive()
        {
            Assert.Equal(MemoryStorageRoots.Create("downloads").Token, MemoryStorageRoots.Create("/downloads/").Token);
            Assert.NotEqual(MemoryStorageRoots.Create("downloads").Token, MemoryStorageRoots.Create("Downloads").Token);
            Assert.NotEqual(MemoryStorageRoots.Create("a").Token, MemoryStorageRoots.Create("b").Token);
            Assert.Equal("memory:/a/b", MemoryStorageRoots.VirtualPath(" /a/b/ "));
        }

        [Fact]
        public void LabelCanBeGiven()
        {
            Assert.Equal("Scratch", MemoryStorageRoots.Create("scratch", "Scratch").Label);
            Assert.Equal("a/b", MemoryStorageRoots.Create("a/b").Label);
        }

        [Fact]
        public void EmptyNamesAreRefused()
        {
            Assert.Throws<ArgumentException>(() => MemoryStorageRoots.Create("/"));
            Assert.Throws<ArgumentException>(() => MemoryStorageRoots.Create(" "));
            Assert.Throws<ArgumentNullException>(() => MemoryStorageRoots.Create(null!));
        }
    }
}
