using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using JsTorrent.Adapters.Native;

namespace JsTorrent.Adapters.Tests.Native
{
    public sealed class NativeStorageRootsTests : IDisposable
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private readonly string _base = Path.Combine(Path.GetTempPath(), "jst-roots-" + Guid.NewGuid().ToString("N"));

        public NativeStorageRootsTests()
        {
            Directory.CreateDirectory(_base);
        }

        public void Dispose()
        {
            Directory.Delete(_base, recursive: true);
        }

        [Fact]
        public void TokenIsTheFirst16HexDigitsOfTheSha256OfTheUtf8Path()
        {
            string token = NativeStorageRoots.TokenFor("/tmp/x");
            Assert.Equal(16, token.Length);
            Assert.Matches("^[0-9a-f]{16}$", token);
            using var sha = SHA256.Create();
            string expected = string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes("/tmp/x")).Take(8).Select(b => b.ToString("x2")));
            Assert.Equal(expected, token);
            Assert.Equal(NativeStorageRoots.TokenFor("/tmp/x"), token);
            Assert.NotEqual(token, NativeStorageRoots.TokenFor("/tmp/y"));
            Assert.Throws<ArgumentNullException>(() => NativeStorageRoots.TokenFor(null!));
        }

        [Fact]
        public void SpellingsOfOnePathShareAToken()
        {
            if (IsWindows)
            {
                return; // the Unix spellings below are not rooted paths on Windows; WindowsPathsFoldCase covers it
            }

            // "/tmp" may itself be a link (macOS), so compare the canonical forms, not a literal.
            string token = NativeStorageRoots.Create("/tmp/x").Token;
            Assert.Equal(token, NativeStorageRoots.Create("/tmp/x/").Token);
            Assert.Equal(token, NativeStorageRoots.Create("/tmp/./x").Token);
            Assert.Equal(token, NativeStorageRoots.Create("/tmp/y/../x//").Token);
            Assert.NotEqual(token, NativeStorageRoots.Create("/tmp/y").Token);
            Assert.NotEqual(token, NativeStorageRoots.Create("/tmp/X").Token);
            Assert.Equal(NativeStorageRoots.TokenFor(NativeStorageRoots.CanonicalPath("/tmp/x")), token);
            Assert.Matches("^[0-9a-f]{16}$", token);
        }

        [Fact]
        public void CanonicalPathTrimsSeparatorsButKeepsTheRoot()
        {
            string root = Path.GetPathRoot(Path.GetFullPath(_base))!;
            Assert.Equal(IsWindows ? root.ToUpperInvariant() : root, NativeStorageRoots.CanonicalPath(root));
            string dir = Path.Combine(_base, "d");
            Directory.CreateDirectory(dir);
            string canonical = NativeStorageRoots.CanonicalPath(dir + Path.DirectorySeparatorChar + Path.DirectorySeparatorChar);
            Assert.False(canonical.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal));
            Assert.Equal(canonical, NativeStorageRoots.CanonicalPath(dir));
            Assert.True(Path.IsPathRooted(canonical));
        }

        [Fact]
        public void AFileSystemRootIsKeptWithItsSeparator()
        {
            if (IsWindows)
            {
                Assert.Equal(@"C:\", NativeStorageRoots.CanonicalPath(@"C:\"));
                Assert.Equal(@"C:\", NativeStorageRoots.Create(@"c:\").Label.ToUpperInvariant());
            }
            else
            {
                Assert.Equal("/", NativeStorageRoots.CanonicalPath("/"));
                Assert.Equal("/", NativeStorageRoots.CanonicalPath("//"));
                var root = NativeStorageRoots.Create("/");
                Assert.Equal("/", root.Label);
                Assert.Equal("/", root.Path);
                Assert.Equal(NativeStorageRoots.TokenFor("/"), root.Token);
            }
        }

        [Fact]
        public void RelativePathsAreMadeFull()
        {
            string expected = NativeStorageRoots.CanonicalPath(Path.Combine(Directory.GetCurrentDirectory(), "rel-dir"));
            Assert.Equal(expected, NativeStorageRoots.CanonicalPath("rel-dir"));
        }

        [Fact]
        public void CreateUsesTheFolderNameAsLabelAndTheFullPath()
        {
            string dir = Path.Combine(_base, "My Downloads");
            var root = NativeStorageRoots.Create(dir + Path.DirectorySeparatorChar);
            Assert.Equal("My Downloads", root.Label);
            Assert.True(Path.IsPathRooted(root.Path));
            Assert.EndsWith("My Downloads", root.Path, StringComparison.Ordinal);
            Assert.Equal(NativeStorageRoots.TokenFor(NativeStorageRoots.CanonicalPath(dir)), root.Token);
            Assert.Equal("SSD", NativeStorageRoots.Create(dir, "SSD").Label);
        }

        [Fact]
        public void TheDirectoryNeedNotExist()
        {
            string missing = Path.Combine(_base, "not", "there");
            var root = NativeStorageRoots.Create(missing);
            Assert.Equal("there", root.Label);
            Assert.Equal(Path.GetFullPath(missing), root.Path);
        }

        [Fact]
        public void EmptyPathsAndLabelsAreRefused()
        {
            Assert.Throws<ArgumentException>(() => NativeStorageRoots.Create(" "));
            Assert.Throws<ArgumentException>(() => NativeStorageRoots.CanonicalPath(string.Empty));
            Assert.Throws<ArgumentNullException>(() => NativeStorageRoots.Create(null!));
            Assert.Throws<ArgumentException>(() => NativeStorageRoots.Create(_base, " "));
        }

        [Fact]
        public void WindowsPathsFoldCase()
        {
            string lower = Path.Combine(_base, "casedir");
            string upper = Path.Combine(_base, "CASEDIR");
            if (IsWindows)
            {
                Assert.Equal(NativeStorageRoots.Create(lower).Token, NativeStorageRoots.Create(upper).Token);
                Assert.Equal(NativeStorageRoots.CanonicalPath(lower).ToUpperInvariant(), NativeStorageRoots.CanonicalPath(lower));
                Assert.Equal("casedir", NativeStorageRoots.Create(lower).Label);
            }
            else
            {
                Assert.NotEqual(NativeStorageRoots.Create(lower).Token, NativeStorageRoots.Create(upper).Token);
            }
        }

        [Fact]
        public void LinksAreResolved()
        {
            string target = Path.Combine(_base, "real");
            Directory.CreateDirectory(Path.Combine(target, "inner"));
            string link = Path.Combine(_base, "alias");
            string chained = Path.Combine(_base, "alias2");
            if (!TryCreateLink(link, "real") || !TryCreateLink(chained, link))
            {
                return; // no privilege to create links (Windows without developer mode)
            }

            bool resolves = NativeBuild.ResolvesLinkTargets;
            var direct = NativeStorageRoots.Create(target);
            var linked = NativeStorageRoots.Create(link);
            Assert.Equal(resolves, direct.Token == linked.Token);
            Assert.Equal(resolves, direct.Token == NativeStorageRoots.Create(chained).Token);
            Assert.Equal(resolves, NativeStorageRoots.Create(Path.Combine(target, "inner")).Token == NativeStorageRoots.Create(Path.Combine(chained, "inner")).Token);
            Assert.Equal(
                resolves,
                NativeStorageRoots.Create(Path.Combine(target, "new", "deeper")).Token == NativeStorageRoots.Create(Path.Combine(link, "new", "deeper")).Token);
            Assert.NotEqual(direct.Token, NativeStorageRoots.Create(Path.Combine(target, "inner")).Token);

            // The label is the name as given, the path the resolved one.
            Assert.Equal("alias", linked.Label);
            Assert.Equal(resolves ? direct.Path : Path.GetFullPath(link), linked.Path);
        }

        [Fact]
        public void ADanglingLinkIsLeftAsItIs()
        {
            string link = Path.Combine(_base, "dangling");
            if (!TryCreateLink(link, Path.Combine(_base, "missing")))
            {
                return;
            }

            Assert.Equal(Path.GetFullPath(link), NativeStorageRoots.Create(link).Path);
        }

        private static bool TryCreateLink(string link, string target)
        {
            try
            {
                Directory.CreateSymbolicLink(link, target);
                return true;
            }
            catch (Exception e) when (IsWindows && (e is IOException || e is UnauthorizedAccessException))
            {
                return false;
            }
        }
    }
}
