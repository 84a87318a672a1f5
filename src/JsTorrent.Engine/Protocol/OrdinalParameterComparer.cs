using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>Compares name/value pairs by ordinal (case-sensitive) equality of both strings.</summary>
    internal sealed class OrdinalParameterComparer : IEqualityComparer<KeyValuePair<string, string>>
    {
        /// <summary>The shared instance; the comparer has no state.</summary>
        public static readonly OrdinalParameterComparer Instance = new OrdinalParameterComparer();

        public bool Equals(KeyValuePair<string, string> x, KeyValuePair<string, string> y) =>
            string.Equals(x.Key, y.Key, StringComparison.Ordinal) && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

        public int GetHashCode(KeyValuePair<string, string> obj) =>
            StringComparer.Ordinal.GetHashCode(obj.Key) ^ StringComparer.Ordinal.GetHashCode(obj.Value);
    }
}
