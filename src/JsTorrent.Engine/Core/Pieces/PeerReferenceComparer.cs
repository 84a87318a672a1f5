using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace JsTorrent.Engine.Core.Pieces
{
    /// <summary>Compares peers by reference: peer objects are opaque handles, whatever Equals they define.</summary>
    internal sealed class PeerReferenceComparer : IEqualityComparer<object>
    {
        /// <inheritdoc/>
        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        /// <inheritdoc/>
        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
