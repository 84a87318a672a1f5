using System;
using System.Collections.Generic;

namespace JsTorrent.Engine.Tests.Tracker.Udp
{
    /// <summary>A Random whose <see cref="Next(int)"/> returns given values in order (then zeros), to force transaction id collisions.</summary>
    internal sealed class ScriptedRandom : Random
    {
        private readonly Queue<int> _values;

        public ScriptedRandom(params int[] values)
        {
            _values = new Queue<int>(values);
        }

        public override int Next(int maxValue)
        {
            int value = _values.Count > 0 ? _values.Dequeue() : 0;
            Assert.InRange(value, 0, maxValue - 1);
            return value;
        }
    }
}
