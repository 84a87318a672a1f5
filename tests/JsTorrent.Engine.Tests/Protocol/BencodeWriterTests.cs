using System;
using System.Text;
using JsTorrent.Engine.Protocol.Bencode;

namespace JsTorrent.Engine.Tests.Protocol
{
    public class BencodeWriterTests
    {
        private static string Encode(BencodeValue value) => Encoding.Latin1.GetString(BencodeWriter.Encode(value));

        [Theory]
        [InlineData(0L, "i0e")]
        [InlineData(-1L, "i-1e")]
        [InlineData(long.MaxValue, "i9223372036854775807e")]
        [InlineData(long.MinValue, "i-9223372036854775808e")]
        public void WritesIntegers(long value, string expected)
        {
            Assert.Equal(expected, Encode(new BencodeInteger(value)));
        }

        [Fact]
        public void WritesDictionaryKeysInRawByteOrder()
        {
            var dict = new BencodeDictionary();
            dict.Set("zeta", 1);
            dict.Set(new BencodeString(new byte[] { 0xC3, 0xA9 }), new BencodeInteger(2)); // 'é' sorts after ASCII
            dict.Set("alpha", "x");
            dict.Set("Beta", 3); // upper case sorts before lower case
            Assert.Equal("d4:Betai3e5:alpha1:x4:zetai1e2:\u00C3\u00A9i2ee", Encode(dict));
        }

        [Fact]
        public void SetReplacesExistingKey()
        {
            var dict = new BencodeDictionary();
            dict.Set("a", 1);
            dict.Set("a", 2);
            Assert.Equal("d1:ai2ee", Encode(dict));
            Assert.True(dict.Remove("a"));
            Assert.Equal("de", Encode(dict));
        }

        [Fact]
        public void WritesNestedValues()
        {
            var list = new BencodeList { new BencodeString("spam"), new BencodeInteger(42), new BencodeList(), new BencodeDictionary() };
            Assert.Equal("l4:spami42eledee", Encode(list));
        }

        [Fact]
        public void RefusesCyclicValues()
        {
            var list = new BencodeList();
            list.Add(list);
            Assert.Throws<InvalidOperationException>(() => BencodeWriter.Encode(list));
        }

        [Fact]
        public void RandomValuesRoundTrip()
        {
            var random = new Random(20261124);
            for (int i = 0; i < 5000; i++)
            {
                var value = BencodeTestValues.Random(random);
                byte[] encoded = BencodeWriter.Encode(value);
                var decoded = BencodeReader.Read(encoded, new BencodeReaderOptions { RequireSortedKeys = true });
                Assert.True(BencodeTestValues.StructurallyEqual(value, decoded), "value " + i + " did not round-trip");
                Assert.Equal(encoded.Length, decoded.SourceLength);
                Assert.Equal(encoded, BencodeWriter.Encode(decoded));
            }
        }

        [Fact]
        public void CanonicalisesUnsortedInput()
        {
            byte[] unsorted = Encoding.ASCII.GetBytes("d1:bi1e1:ai2ee");
            Assert.Equal("d1:ai2e1:bi1ee", Encode(BencodeReader.Read(unsorted)));
        }
    }
}
