using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using JsTorrent.Engine.Protocol;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class PathSanitizerTests
    {
        [Theory]
        [InlineData("normal.txt", "normal.txt")]
        [InlineData("with space.txt", "with space.txt")]
        [InlineData("ünïcødé 文件.bin", "ünïcødé 文件.bin")]
        [InlineData("a/b", "a_b")]
        [InlineData("a\\b", "a_b")]
        [InlineData("C:", "C_")]
        [InlineData("C:\\Windows", "C__Windows")]
        [InlineData("what?.txt", "what_.txt")]
        [InlineData("<>:\"|?*", "_______")]
        [InlineData("tab\there", "tab_here")]
        [InlineData("nul\0byte", "nul_byte")]
        [InlineData("del\u007f", "del_")]
        [InlineData("c1\u0085", "c1_")]
        [InlineData("trailing.", "trailing_")]
        [InlineData("trailing ", "trailing_")]
        [InlineData("trailing. . ", "trailing____")]
        [InlineData("...", "___")]
        [InlineData(" ", "_")]
        [InlineData(" leading", " leading")]
        [InlineData(".hidden", ".hidden")]
        [InlineData("CON", "_CON")]
        [InlineData("con.txt", "_con.txt")]
        [InlineData("Lpt1.log", "_Lpt1.log")]
        [InlineData("COM9", "_COM9")]
        [InlineData("COM\u00b9", "_COM\u00b9")]
        [InlineData("CONIN$", "_CONIN$")]
        [InlineData("CON .txt", "_CON .txt")]
        [InlineData("CONSOLE", "CONSOLE")]
        [InlineData("COM10", "COM10")]
        [InlineData("NUL.tar.gz", "_NUL.tar.gz")]
        public void MapsElements(string input, string expected)
        {
            Assert.Equal(expected, PathSanitizer.SanitizeElement(input));
            Assert.True(PathSanitizer.IsSafeElement(expected));
        }

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("..")]
        public void DropsTraversalAndEmptyElements(string input)
        {
            Assert.Null(PathSanitizer.SanitizeElement(input));
            Assert.False(PathSanitizer.IsSafeElement(input));
        }

        [Fact]
        public void TraversalPathsStayInside()
        {
            Assert.Equal(new[] { "etc", "passwd" }, PathSanitizer.SanitizePath(new[] { "..", "..", "etc", "passwd" }));
            Assert.Equal(new[] { "a", "b" }, PathSanitizer.SanitizePath(new[] { "a", ".", "", "..", "b" }));
            Assert.Equal(new[] { "_" }, PathSanitizer.SanitizePath(new[] { "..", "." }));
            Assert.Equal(new[] { "_etc_shadow" }, PathSanitizer.SanitizePath(new[] { "/etc/shadow" }));
            Assert.Equal(new[] { "C__Windows_System32" }, PathSanitizer.SanitizePath(new[] { "C:\\Windows\\System32" }));
            Assert.Equal(new[] { "__server_share" }, PathSanitizer.SanitizePath(new[] { "\\\\server\\share" }));
        }

        [Fact]
        public void InvalidUtf8BecomesUnderscore()
        {
            Assert.Equal("a_b", PathSanitizer.SanitizeElement(new byte[] { (byte)'a', 0xff, (byte)'b' }));
            Assert.Equal("caf_", PathSanitizer.SanitizeElement(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xe9 }));
            string mapped = PathSanitizer.SanitizeElement(new byte[] { 0xc0, 0xaf, (byte)'x' })!; // overlong '/'
            Assert.DoesNotContain("/", mapped);
            Assert.EndsWith("x", mapped);
            Assert.True(PathSanitizer.IsSafeElement(mapped));
        }

        [Fact]
        public void UnpairedSurrogatesBecomeUnderscore()
        {
            Assert.Equal("a_b", PathSanitizer.SanitizeElement("a\ud800b"));
            Assert.Equal("😀", PathSanitizer.SanitizeElement("😀"));
        }

        [Fact]
        public void LongElementsAreShortenedDistinctlyKeepingExtension()
        {
            string a = new string('a', 300) + "1.mkv";
            string b = new string('a', 300) + "2.mkv";
            string sa = PathSanitizer.SanitizeElement(a)!;
            string sb = PathSanitizer.SanitizeElement(b)!;
            Assert.True(Encoding.UTF8.GetByteCount(sa) <= 255);
            Assert.EndsWith(".mkv", sa);
            Assert.NotEqual(sa, sb);
            Assert.True(PathSanitizer.IsSafeElement(sa));
            Assert.Equal(sa, PathSanitizer.SanitizeElement(a));
        }

        [Fact]
        public void LongMultibyteElementsAreCutAtCharacterBoundaries()
        {
            string name = string.Concat(Enumerable.Repeat("文😀", 100));
            string mapped = PathSanitizer.SanitizeElement(name)!;
            Assert.True(Encoding.UTF8.GetByteCount(mapped) <= 255);
            Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(mapped)));
            Assert.True(PathSanitizer.IsSafeElement(mapped));
        }

        [Fact]
        public void ExactlyMaxBytesIsKept()
        {
            string name = new string('x', 255);
            Assert.Equal(name, PathSanitizer.SanitizeElement(name));
        }

        [Fact]
        public void WithCounterInsertsBeforeExtension()
        {
            Assert.Equal("a (2).txt", PathSanitizer.WithCounter("a.txt", 2));
            Assert.Equal("noext (3)", PathSanitizer.WithCounter("noext", 3));
            Assert.Equal(".hidden (2)", PathSanitizer.WithCounter(".hidden", 2));
            string longName = PathSanitizer.WithCounter(new string('x', 255), 12);
            Assert.True(Encoding.UTF8.GetByteCount(longName) <= 255);
            Assert.EndsWith(" (12)", longName);
        }

        [Fact]
        public void RandomHostileNamesStayUnderTheRoot()
        {
            string root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "jst-root"));
            string rootWithSeparator = root + Path.DirectorySeparatorChar;
            string[] atoms = { "..", ".", "/", "\\", ":", "C:", "CON", "nul", " ", "\0", "\u0001", "a", "é", "😀", "\ud800", "?", "*", "~", "$", "%2e%2e", "//", "\\\\?\\", "\u202e", "\t", ".." + "/" + ".." };
            var random = new Random(7);
            for (int i = 0; i < 20_000; i++)
            {
                var elements = new List<string>();
                for (int e = random.Next(1, 6); e > 0; e--)
                {
                    var builder = new StringBuilder();
                    for (int k = random.Next(0, 5); k > 0; k--)
                    {
                        builder.Append(atoms[random.Next(atoms.Length)]);
                    }

                    elements.Add(builder.ToString());
                }

                var safe = PathSanitizer.SanitizePath(elements);
                Assert.NotEmpty(safe);
                foreach (string element in safe)
                {
                    Assert.True(PathSanitizer.IsSafeElement(element), "unsafe element '" + element + "'");
                    Assert.Equal(element, PathSanitizer.SanitizeElement(element));
                }

                string full = Path.GetFullPath(Path.Combine(new[] { root }.Concat(safe).ToArray()));
                Assert.StartsWith(rootWithSeparator, full, StringComparison.Ordinal);
                Assert.Equal(safe.Count, full.Substring(rootWithSeparator.Length).Split(Path.DirectorySeparatorChar).Length);
            }
        }
    }
}
