using System;

namespace JsTorrent.Engine.Tests.Protocol
{
    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to a context and arrive late).</summary>
    internal sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SynchronousProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }
}
