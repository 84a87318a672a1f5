using System;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>
    /// A fixed-length set of piece indices (ours or a peer's), stored in 64-bit words so
    /// that "does the peer have anything I lack" and "next set bit" cost a word per 64
    /// pieces. Bits past <see cref="Length"/> are always zero. The set-bit count is kept
    /// up to date on every change.
    /// </summary>
    internal sealed class Bitfield
    {
        private readonly ulong[] _words;

        /// <summary>Creates an all-clear bitfield.</summary>
        /// <param name="length">Number of bits (pieces).</param>
        public Bitfield(int length)
        {
            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "Length must not be negative.");
            }

            Length = length;
            _words = new ulong[(int)(((long)length + 63) >> 6)];
        }

        /// <summary>Number of bits.</summary>
        public int Length { get; }

        /// <summary>Number of set bits.</summary>
        public int CountSet { get; private set; }

        /// <summary>True when every bit is set (also for a zero-length bitfield).</summary>
        public bool IsAllSet => CountSet == Length;

        /// <summary>True when no bit is set.</summary>
        public bool IsEmpty => CountSet == 0;

        /// <summary>Bytes of the wire form: one bit per piece, rounded up to whole bytes.</summary>
        public int WireLength => (Length + 7) >> 3;

        /// <summary>Number of 64-bit words (for word-wise scans).</summary>
        internal int WordCount => _words.Length;

        /// <summary>Gets or sets one bit.</summary>
        /// <param name="index">The bit (piece) index.</param>
        public bool this[int index]
        {
            get
            {
                CheckIndex(index);
                return (_words[index >> 6] & (1UL << (index & 63))) != 0;
            }

            set
            {
                CheckIndex(index);
                ref ulong word = ref _words[index >> 6];
                ulong mask = 1UL << (index & 63);
                bool wasSet = (word & mask) != 0;
                if (value && !wasSet)
                {
                    word |= mask;
                    CountSet++;
                }
                else if (!value && wasSet)
                {
                    word &= ~mask;
                    CountSet--;
                }
            }
        }

        /// <summary>Reads a bitfield in wire form (BEP 3: MSB of the first byte is piece 0).</summary>
        /// <param name="bytes">The payload of a BITFIELD message.</param>
        /// <param name="length">The number of pieces.</param>
        /// <param name="result">The bitfield, or null.</param>
        /// <returns>False when the byte count is wrong or a spare bit is set.</returns>
        public static bool TryReadWire(ReadOnlySpan<byte> bytes, int length, out Bitfield? result)
        {
            result = null;
            if (length < 0)
            {
                return false;
            }

            var bitfield = new Bitfield(length);
            if (!bitfield.ReadWireInto(bytes))
            {
                return false;
            }

            result = bitfield;
            return true;
        }

        /// <summary>Sets one bit (a HAVE); returns true when it was clear, false for a repeated HAVE.</summary>
        /// <param name="index">The bit index.</param>
        /// <returns>True when the bit changed.</returns>
        public bool TrySet(int index)
        {
            int before = CountSet;
            this[index] = true;
            return CountSet != before;
        }

        /// <summary>Sets every bit.</summary>
        public void SetAll()
        {
            for (int i = 0; i < _words.Length; i++)
            {
                _words[i] = ulong.MaxValue;
            }

            ClearSpareBits();
            CountSet = Length;
        }

        /// <summary>Clears every bit.</summary>
        public void ClearAll()
        {
            Array.Clear(_words, 0, _words.Length);
            CountSet = 0;
        }

        /// <summary>Makes this bitfield equal to another of the same length.</summary>
        /// <param name="other">The source.</param>
        public void CopyFrom(Bitfield other)
        {
            CheckSameLength(other);
            Array.Copy(other._words, _words, _words.Length);
            CountSet = other.CountSet;
        }

        /// <summary>A copy.</summary>
        /// <returns>A new bitfield with the same bits.</returns>
        public Bitfield Clone()
        {
            var copy = new Bitfield(Length);
            copy.CopyFrom(this);
            return copy;
        }

        /// <summary>Writes the wire form (MSB-first, spare bits zero) into the first <see cref="WireLength"/> bytes.</summary>
        /// <param name="destination">At least <see cref="WireLength"/> bytes.</param>
        public void WriteWire(Span<byte> destination)
        {
            int byteCount = WireLength;
            if (destination.Length < byteCount)
            {
                throw new ArgumentException("The destination holds " + destination.Length + " bytes; " + byteCount + " are needed.", nameof(destination));
            }

            for (int i = 0; i < byteCount; i++)
            {
                int bit = i << 3;
                destination[i] = BitMath.Reverse((byte)(_words[bit >> 6] >> (bit & 63)));
            }
        }

        /// <summary>Replaces the bits with a wire-form bitfield (no allocation).</summary>
        /// <param name="bytes">The payload of a BITFIELD message.</param>
        /// <returns>False (and the bitfield unchanged) when the byte count is wrong or a spare bit is set.</returns>
        public bool ReadWireInto(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length != WireLength)
            {
                return false;
            }

            int spare = (8 - (Length & 7)) & 7;
            if (spare != 0 && (bytes[bytes.Length - 1] & ((1 << spare) - 1)) != 0)
            {
                return false;
            }

            Array.Clear(_words, 0, _words.Length);
            int count = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                ulong b = BitMath.Reverse(bytes[i]);
                int bit = i << 3;
                _words[bit >> 6] |= b << (bit & 63);
            }

            for (int w = 0; w < _words.Length; w++)
            {
                count += BitMath.PopCount(_words[w]);
            }

            CountSet = count;
            return true;
        }

        /// <summary>The lowest set index, or -1.</summary>
        /// <returns>The index.</returns>
        public int FirstSetIndex() => NextSet(0);

        /// <summary>The lowest set index at or after <paramref name="from"/>, or -1.</summary>
        /// <param name="from">Where to start (may be past the end).</param>
        /// <returns>The index, or -1.</returns>
        public int NextSet(int from)
        {
            if (from < 0)
            {
                from = 0;
            }

            if (from >= Length)
            {
                return -1;
            }

            int w = from >> 6;
            ulong word = _words[w] & (ulong.MaxValue << (from & 63));
            while (true)
            {
                if (word != 0)
                {
                    return (w << 6) + BitMath.TrailingZeroCount(word);
                }

                if (++w == _words.Length)
                {
                    return -1;
                }

                word = _words[w];
            }
        }

        /// <summary>The lowest clear index at or after <paramref name="from"/>, or -1.</summary>
        /// <param name="from">Where to start (may be past the end).</param>
        /// <returns>The index, or -1.</returns>
        public int NextClear(int from)
        {
            if (from < 0)
            {
                from = 0;
            }

            if (from >= Length)
            {
                return -1;
            }

            int w = from >> 6;
            ulong word = ~_words[w] & (ulong.MaxValue << (from & 63));
            while (true)
            {
                if (word != 0)
                {
                    int index = (w << 6) + BitMath.TrailingZeroCount(word);
                    return index < Length ? index : -1;
                }

                if (++w == _words.Length)
                {
                    return -1;
                }

                word = ~_words[w];
            }
        }

        /// <summary>True when some bit set here is clear in <paramref name="other"/>: the peer has a piece we lack, so we are interested.</summary>
        /// <param name="other">A bitfield of the same length (ours).</param>
        /// <returns>True when this has a piece the other lacks.</returns>
        public bool HasAnyNotIn(Bitfield other)
        {
            CheckSameLength(other);
            if (CountSet == 0)
            {
                return false;
            }

            if (other.CountSet == 0)
            {
                return true;
            }

            ulong[] theirs = other._words;
            for (int i = 0; i < _words.Length; i++)
            {
                if ((_words[i] & ~theirs[i]) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>One 64-bit word: bit <c>j</c> is index <c>64 * wordIndex + j</c>.</summary>
        /// <param name="wordIndex">The word.</param>
        /// <returns>The bits.</returns>
        internal ulong GetWord(int wordIndex) => _words[wordIndex];

        /// <inheritdoc/>
        public override string ToString() => CountSet + "/" + Length;

        private void ClearSpareBits()
        {
            int used = Length & 63;
            if (used != 0)
            {
                _words[_words.Length - 1] &= (1UL << used) - 1;
            }
        }

        private void CheckIndex(int index)
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "Index out of range 0.." + (Length - 1) + ".");
            }
        }

        private void CheckSameLength(Bitfield other)
        {
            if (other is null)
            {
                throw new ArgumentNullException(nameof(other));
            }

            if (other.Length != Length)
            {
                throw new ArgumentException("Bitfield lengths differ: " + other.Length + " vs " + Length + ".", nameof(other));
            }
        }
    }
}
