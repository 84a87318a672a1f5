using System;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to a context and arrive late).</summary>
    internal sealed class SynchronousProgress : IProgress<long>
    {
        private readonly Action<long> _report;

        public SynchronousProgress(Action<long> report) => _report = report;

        public void Report(long value) => _report(value);
    }
}
