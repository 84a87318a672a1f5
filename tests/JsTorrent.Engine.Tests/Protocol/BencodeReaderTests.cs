using System;
using System.Text;
using JsTorrent.Engine.Protocol;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class BencodeReaderTests
    {
        private static BencodeValue Read(string text, BencodeReaderOptions? options = null) =>
            BencodeReader.Read(Encoding.ASCII.GetBytes(text), options);

        private static BencodeFormatException Fails(string text, BencodeReaderOptions? options = null) =>
            Assert.Throws<BencodeFormatException>(() => Read(text, options));

        [Theory]
        [InlineData("i0e", 0L)]
        [InlineData("i42e", 42L)]
        [InlineData("i-42e", -42L)]
        [InlineData("i9223372036854775807e", long.MaxValue)]
        [InlineData("i-9223372036854775808e", long.MinValue)]
        public void ReadsIntegers(string text, long expected)
        {
            Assert.Equal(expected, Assert.IsType<BencodeInteger>(Read(text)).Value);
        }

        [Theory]
        [InlineData("i03e", "leading zero", 0)]
        [InlineData("i-03e", "leading zero", 0)]
        [InlineData("i00e", "leading zero", 0)]
        [InlineData("i-0e", "negative zero", 0)]
        [InlineData("ie", "no digits", 0)]
        [InlineData("i-e", "no digits", 0)]
        [InlineData("i1", "end of input", 2)]
        [InlineData("i1.5e", "inside an integer", 2)]
        [InlineData("i+1e", "inside an integer", 1)]
        [InlineData("i 1e", "inside an integer", 1)]
        [InlineData("i9223372036854775808e", "64 bits", 0)]
        [InlineData("i-9223372036854775809e", "64 bits", 0)]
        [InlineData("i99999999999999999999999999e", "64 bits", 0)]
        public void RefusesBadIntegers(string text, string reason, long offset)
        {
            var error = Fails(text);
            Assert.Contains(reason, error.Message);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void ReadsStringsAsRawBytes()
        {
            var value = BencodeReader.Read(new byte[] { (byte)'3', (byte)':', 0xff, 0x00, 0x80 });
            var text = Assert.IsType<BencodeString>(value);
            Assert.Equal(new byte[] { 0xff, 0x00, 0x80 }, text.ToArray());
            Assert.False(text.TryGetUtf8(out _));
        }

        [Fact]
        public void ReadsEmptyString()
        {
            Assert.Equal(0, Assert.IsType<BencodeString>(Read("0:")).Length);
        }

        [Theory]
        [InlineData("03:abc", "leading zero", 0)]
        [InlineData("5:abc", "past the end", 0)]
        [InlineData("1", "string length", 1)]
        [InlineData("3", "exceeds the remaining", 0)]
        [InlineData("3abc", "expected ':'", 1)]
        [InlineData("9223372036854775807:a", "exceeds the remaining", 0)]
        [InlineData("9223372036854775808:a", "exceeds the remaining", 0)]
        [InlineData("99999999999999999999999999999:", "exceeds the remaining", 0)]
        [InlineData("l9:abcde", "exceeds the remaining", 1)]
        [InlineData("l6:abcde", "past the end", 1)]
        public void RefusesBadStrings(string text, string reason, long offset)
        {
            var error = Fails(text);
            Assert.Contains(reason, error.Message);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void HugeLengthPrefixAllocatesNothingLarge()
        {
            byte[] input = Encoding.ASCII.GetBytes("l4611686018427387904:xxxxe");
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<BencodeFormatException>(() => BencodeReader.Read(input));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64 * 1024, "allocated " + allocated + " bytes");
        }

        [Fact]
        public void ReadsListsAndDictionaries()
        {
            var dict = Assert.IsType<BencodeDictionary>(Read("d4:listli1e3:twoe3:numi7ee"));
            var list = Assert.IsType<BencodeList>(dict["list"]);
            Assert.Equal(2, list.Count);
            Assert.Equal(1, ((BencodeInteger)list[0]).Value);
            Assert.Equal("two", list[1].ToString());
            Assert.Equal(7, ((BencodeInteger)dict["num"]!).Value);
            Assert.Null(dict["missing"]);
        }

        [Theory]
        [InlineData("d1:ai1e1:ai2ee", "duplicate dictionary key 'a'", 7)]
        [InlineData("d1:bi1e1:ai1e1:bi2ee", "duplicate dictionary key 'b'", 13)]
        [InlineData("di1ei2ee", "key must be a string", 1)]
        [InlineData("d1:a", "expected the value", 4)]
        [InlineData("d1:ai1e", "inside a dictionary", 7)]
        [InlineData("li1e", "inside a list", 4)]
        [InlineData("i1ex", "unexpected bytes after", 3)]
        [InlineData("", "empty input", 0)]
        [InlineData("x", "unexpected byte 0x78", 0)]
        [InlineData("e", "unexpected byte 0x65", 0)]
        public void RefusesBadStructure(string text, string reason, long offset)
        {
            var error = Fails(text);
            Assert.Contains(reason, error.Message);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void AcceptsUnsortedKeysUnlessStrict()
        {
            var dict = Assert.IsType<BencodeDictionary>(Read("d1:bi1e1:ai2ee"));
            Assert.Equal(2, dict.Count);
            var error = Fails("d1:bi1e1:ai2ee", new BencodeReaderOptions { RequireSortedKeys = true });
            Assert.Contains("out of order", error.Message);
        }

        [Fact]
        public void TrailingDataCanBeAllowed()
        {
            byte[] input = Encoding.ASCII.GetBytes("d1:ai1eeRAWDATA");
            var value = BencodeReader.Read(input, out int consumed);
            Assert.IsType<BencodeDictionary>(value);
            Assert.Equal(8, consumed);
            Assert.IsType<BencodeDictionary>(BencodeReader.Read(input, new BencodeReaderOptions { AllowTrailingData = true }));
        }

        [Theory]
        [InlineData('l', "", 100_000)]
        [InlineData('d', "1:a", 100_000)]
        public void DeepNestingIsRefusedWithoutStackOverflow(char open, string key, int depth)
        {
            var builder = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                builder.Append(open).Append(key);
            }

            builder.Append("i0e").Append('e', depth);
            var error = Fails(builder.ToString());
            Assert.Contains("nesting deeper than 256", error.Message);
        }

        [Fact]
        public void NestingAtTheLimitIsAccepted()
        {
            string text = new string('l', 256) + new string('e', 256);
            Assert.IsType<BencodeList>(Read(text));
            Fails(new string('l', 257) + new string('e', 257));
        }

        [Fact]
        public void RecordsSourceSpans()
        {
            string text = "d4:infod1:xi5ee1:zi1ee";
            var dict = (BencodeDictionary)Read(text);
            var info = dict["info"]!;
            Assert.Equal(7, info.SourceOffset);
            Assert.Equal("d1:xi5ee", text.Substring(info.SourceOffset, info.SourceLength));
            Assert.Equal(0, dict.SourceOffset);
            Assert.Equal(text.Length, dict.SourceLength);
        }

        [Fact]
        public void MaxStringLengthIsEnforced()
        {
            var error = Fails("5:abcde", new BencodeReaderOptions { MaxStringLength = 4 });
            Assert.Contains("exceeds the limit", error.Message);
        }

        [Fact]
        public void ErrorsAreTorrentFormatExceptions()
        {
            TorrentFormatException error = Fails("i");
            Assert.IsAssignableFrom<FormatException>(error);
            Assert.NotNull(error.Reason);
        }
    }
}
