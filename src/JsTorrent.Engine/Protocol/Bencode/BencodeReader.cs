using System;

namespace JsTorrent.Engine.Protocol.Bencode
{
    /// <summary>
    /// A strict bencode reader over bytes. It refuses integers with leading zeros,
    /// <c>-0</c>, empty or out-of-range integers, string lengths with leading zeros
    /// or longer than the rest of the input, non-string and duplicate dictionary
    /// keys, nesting deeper than <see cref="BencodeReaderOptions.MaxDepth"/>, and
    /// (unless allowed) bytes after the value. Every error is a
    /// <see cref="BencodeFormatException"/> with the byte offset; no input can make
    /// it allocate more than the input's size or recurse past the depth limit.
    /// </summary>
    public static class BencodeReader
    {
        /// <summary>Reads one complete value that must span the whole input.</summary>
        /// <param name="input">The bencoded bytes.</param>
        /// <param name="options">Limits; the defaults of <see cref="BencodeReaderOptions"/> when null.</param>
        /// <returns>The value.</returns>
        /// <exception cref="BencodeFormatException">The input is not valid bencode.</exception>
        public static BencodeValue Read(ReadOnlySpan<byte> input, BencodeReaderOptions? options = null)
        {
            var value = Read(input, out int consumed, options);
            if (consumed != input.Length && !(options ?? BencodeReaderOptions.Defaults).AllowTrailingData)
            {
                throw new BencodeFormatException(
                    (input.Length - consumed) + " unexpected bytes after the end of the value", consumed);
            }

            return value;
        }

        /// <summary>Reads one value from the start of the input and reports how many bytes it used.</summary>
        /// <param name="input">The bencoded bytes, possibly followed by other data.</param>
        /// <param name="consumed">Number of bytes the value occupied.</param>
        /// <param name="options">Limits; the defaults of <see cref="BencodeReaderOptions"/> when null.</param>
        /// <returns>The value.</returns>
        /// <exception cref="BencodeFormatException">The input does not start with a valid value.</exception>
        public static BencodeValue Read(ReadOnlySpan<byte> input, out int consumed, BencodeReaderOptions? options = null)
        {
            var parser = new Parser(input, options ?? BencodeReaderOptions.Defaults);
            var value = parser.ReadValue(0);
            consumed = parser.Position;
            return value;
        }

        private ref struct Parser
        {
            private readonly ReadOnlySpan<byte> _input;
            private readonly BencodeReaderOptions _options;
            private int _values;

            public Parser(ReadOnlySpan<byte> input, BencodeReaderOptions options)
            {
                _input = input;
                _options = options;
                _values = 0;
                Position = 0;
            }

            public int Position { get; private set; }

            public BencodeValue ReadValue(int depth)
            {
                if (Position >= _input.Length)
                {
                    throw Error(Position == 0 ? "empty input" : "unexpected end of input, expected a value");
                }

                if (++_values > _options.MaxValues)
                {
                    throw Error("more than " + _options.MaxValues + " values");
                }

                int start = Position;
                BencodeValue value;
                byte b = _input[Position];
                switch (b)
                {
                    case (byte)'i':
                        value = new BencodeInteger(ReadInteger());
                        break;
                    case (byte)'l':
                        value = ReadList(depth + 1);
                        break;
                    case (byte)'d':
                        value = ReadDictionary(depth + 1);
                        break;
                    default:
                        if (b >= (byte)'0' && b <= (byte)'9')
                        {
                            value = ReadString();
                            break;
                        }

                        throw Error("unexpected byte 0x" + b.ToString("x2") + ", expected 'i', 'l', 'd' or a string length");
                }

                value.SourceOffset = start;
                value.SourceLength = Position - start;
                return value;
            }

            private long ReadInteger()
            {
                int start = Position;
                Position++; // 'i'
                bool negative = false;
                if (Position < _input.Length && _input[Position] == (byte)'-')
                {
                    negative = true;
                    Position++;
                }

                int digitsStart = Position;
                ulong magnitude = 0;
                ulong limit = negative ? 9223372036854775808UL : long.MaxValue;
                while (Position < _input.Length && IsDigit(_input[Position]))
                {
                    uint digit = (uint)(_input[Position] - '0');
                    if (magnitude > (limit - digit) / 10)
                    {
                        throw new BencodeFormatException("integer does not fit in 64 bits", start);
                    }

                    magnitude = (magnitude * 10) + digit;
                    Position++;
                }

                int digits = Position - digitsStart;
                if (Position >= _input.Length)
                {
                    throw Error("unexpected end of input inside an integer");
                }

                if (_input[Position] != (byte)'e')
                {
                    throw Error("unexpected byte 0x" + _input[Position].ToString("x2") + " inside an integer");
                }

                if (digits == 0)
                {
                    throw new BencodeFormatException("integer has no digits", start);
                }

                if (digits > 1 && _input[digitsStart] == (byte)'0')
                {
                    throw new BencodeFormatException("integer has a leading zero", start);
                }

                if (negative && magnitude == 0)
                {
                    throw new BencodeFormatException("integer is negative zero", start);
                }

                Position++; // 'e'
                return negative ? unchecked(-(long)magnitude) : (long)magnitude;
            }

            private BencodeString ReadString()
            {
                int start = Position;
                int length = ReadStringLength();
                var bytes = _input.Slice(Position, length).ToArray();
                Position += length;
                return new BencodeString(bytes) { SourceOffset = start };
            }

            // Returns the length and leaves Position on the first byte of content.
            private int ReadStringLength()
            {
                int start = Position;
                long length = 0;
                long remaining = _input.Length - start;
                while (Position < _input.Length && IsDigit(_input[Position]))
                {
                    length = (length * 10) + (_input[Position] - '0');
                    if (length > remaining)
                    {
                        // Checked as digits arrive, so a prefix near 2^63 can neither overflow nor allocate.
                        throw new BencodeFormatException("string length exceeds the remaining " + remaining + " bytes of input", start);
                    }

                    Position++;
                }

                if (Position >= _input.Length)
                {
                    throw Error("unexpected end of input inside a string length");
                }

                if (_input[Position] != (byte)':')
                {
                    throw Error("expected ':' after a string length, found 0x" + _input[Position].ToString("x2"));
                }

                if (Position - start > 1 && _input[start] == (byte)'0')
                {
                    throw new BencodeFormatException("string length has a leading zero", start);
                }

                Position++; // ':'
                if (length > _input.Length - Position)
                {
                    throw new BencodeFormatException(
                        "string of " + length + " bytes runs past the end of input (" + (_input.Length - Position) + " bytes left)", start);
                }

                if (length > _options.MaxStringLength)
                {
                    throw new BencodeFormatException("string of " + length + " bytes exceeds the limit of " + _options.MaxStringLength, start);
                }

                return (int)length;
            }

            private BencodeList ReadList(int depth)
            {
                CheckDepth(depth);
                Position++; // 'l'
                var list = new BencodeList();
                while (true)
                {
                    if (Position >= _input.Length)
                    {
                        throw Error("unexpected end of input inside a list");
                    }

                    if (_input[Position] == (byte)'e')
                    {
                        Position++;
                        return list;
                    }

                    list.Add(ReadValue(depth));
                }
            }

            private BencodeDictionary ReadDictionary(int depth)
            {
                CheckDepth(depth);
                Position++; // 'd'
                var dictionary = new BencodeDictionary();
                BencodeString? previous = null;
                bool unsorted = false;
                while (true)
                {
                    if (Position >= _input.Length)
                    {
                        throw Error("unexpected end of input inside a dictionary");
                    }

                    byte b = _input[Position];
                    if (b == (byte)'e')
                    {
                        if (unsorted)
                        {
                            CheckUniqueKeys(dictionary);
                        }

                        Position++;
                        return dictionary;
                    }

                    if (!IsDigit(b))
                    {
                        throw Error("dictionary key must be a string, found 0x" + b.ToString("x2"));
                    }

                    int keyStart = Position;
                    var key = ReadString();
                    key.SourceLength = Position - keyStart;
                    if (previous is not null)
                    {
                        int order = key.CompareTo(previous);
                        if (order == 0)
                        {
                            throw new BencodeFormatException("duplicate dictionary key '" + key + "'", keyStart);
                        }

                        if (order < 0)
                        {
                            if (_options.RequireSortedKeys)
                            {
                                throw new BencodeFormatException("dictionary key '" + key + "' is out of order", keyStart);
                            }

                            // Out of order: sortedness no longer proves uniqueness; check once the dictionary is complete.
                            unsorted = true;
                        }
                    }

                    if (Position >= _input.Length)
                    {
                        throw Error("unexpected end of input, expected the value of key '" + key + "'");
                    }

                    dictionary.AddParsed(key, ReadValue(depth));
                    previous = key;
                }
            }

            // Sorting, not hashing: a hash set over attacker-chosen keys can be flooded with collisions.
            private static void CheckUniqueKeys(BencodeDictionary dictionary)
            {
                var keys = new BencodeString[dictionary.Count];
                int n = 0;
                foreach (var entry in dictionary)
                {
                    keys[n++] = entry.Key;
                }

                Array.Sort(keys, (x, y) => x.CompareTo(y));
                for (int i = 1; i < keys.Length; i++)
                {
                    if (keys[i].Equals(keys[i - 1]))
                    {
                        var later = keys[i].SourceOffset > keys[i - 1].SourceOffset ? keys[i] : keys[i - 1];
                        throw new BencodeFormatException("duplicate dictionary key '" + later + "'", later.SourceOffset);
                    }
                }
            }

            private void CheckDepth(int depth)
            {
                if (depth > _options.MaxDepth)
                {
                    throw Error("nesting deeper than " + _options.MaxDepth + " levels");
                }
            }

            private BencodeFormatException Error(string reason) => new BencodeFormatException(reason, Position);

            private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
        }
    }
}
