using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>List operations where element order is significant.</summary>
    internal static class OrderedLists
    {
        /// <summary>A new list of <paramref name="items"/> with later duplicates removed, first occurrences kept in order.</summary>
        public static List<T> DistinctInOrder<T>(List<T> items)
        {
            var seen = new HashSet<T>();
            var result = new List<T>(items.Count);
            foreach (var item in items)
            {
                if (seen.Add(item))
                {
                    result.Add(item);
                }
            }

            return result;
        }
    }
}
