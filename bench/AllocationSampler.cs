using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

namespace JsTorrent.Bench
{
    /// <summary>
    /// Samples the runtime's allocation-tick events (one per ~100 KB allocated) and tallies them by
    /// type, so a benchmark can say what its allocations are, not only how many.
    /// </summary>
    internal sealed class AllocationSampler : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly ConcurrentDictionary<string, long> _bytesByType = new ConcurrentDictionary<string, long>();

        public bool Enabled { get; set; }

        public string Top(int count)
        {
            var top = _bytesByType.OrderByDescending(p => p.Value).Take(count).Select(p => p.Key + " ~" + (p.Value / 1024) + " KiB");
            return string.Join(", ", top);
        }

        public void Clear() => _bytesByType.Clear();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (!Enabled || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
            int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (typeIndex < 0 || amountIndex < 0)
            {
                return;
            }

            string type = eventData.Payload[typeIndex] as string ?? "?";
            long amount = Convert.ToInt64(eventData.Payload[amountIndex]);
            _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }
}
