using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Protocol
{
    /// <summary>Canonical form of a BEP 53 <c>so</c> file selection.</summary>
    internal static class MagnetFileSelection
    {
        /// <summary>Sorts ranges and merges those that overlap or touch.</summary>
        public static List<MagnetFileRange> Normalise(List<MagnetFileRange> ranges)
        {
            var sorted = new List<MagnetFileRange>(ranges);
            sorted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            var merged = new List<MagnetFileRange>(sorted.Count);
            foreach (var range in sorted)
            {
                if (merged.Count > 0)
                {
                    var last = merged[merged.Count - 1];
                    if ((long)range.Start <= (long)last.End + 1)
                    {
                        merged[merged.Count - 1] = new MagnetFileRange(last.Start, Math.Max(last.End, range.End));
                        continue;
                    }
                }

                merged.Add(range);
            }

            return merged;
        }
    }
}
